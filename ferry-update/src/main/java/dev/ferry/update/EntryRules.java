package dev.ferry.update;

import dev.ferry.update.BundleRefused.Reason;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What a distribution archive may hold: regular files, folders, and symbolic links that stay inside it, each under a
 * relative path without {@code ..}. Hard links, devices, pipes and anything else are refused: an update must not be
 * able to write or point anywhere but its own folder.
 */
final class EntryRules {

    private EntryRules() {}

    /** The entry's path, made plain ({@code ./} and a folder's trailing slash dropped), once it passes the rules. */
    static String check(TarArchiveEntry entry) throws BundleRefused {
        String path = safePath(entry.getName());
        if (entry.isSymbolicLink()) {
            linkTarget(path, entry.getLinkName());
        } else if (!isRegularFile(entry) && !entry.isDirectory()) {
            throw new BundleRefused(Reason.UNSAFE_ENTRY, "\"" + entry.getName() + "\" is a " + kind(entry)
                    + "; a distribution holds regular files, folders and links inside it only");
        }
        return path;
    }

    /**
     * True for a regular file only. The tar library's own {@code isFile()} is true for every entry that is not a
     * folder, hard links and devices included.
     */
    static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink() && !entry.isLink()
                && !entry.isCharacterDevice() && !entry.isBlockDevice() && !entry.isFIFO() && !entry.isGNUSparse();
    }

    /** {@code name} without {@code ./} and trailing slashes, when it is relative and has no {@code ..}. */
    static String safePath(String name) throws BundleRefused {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || name.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
                || path.length() > 1024) {
            throw unsafe(name);
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                throw unsafe(name);
            }
        }
        return path;
    }

    /** Checks that a link at {@code path} pointing at {@code target} stays inside the distribution. */
    static void linkTarget(String path, String target) throws BundleRefused {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            throw new BundleRefused(Reason.UNSAFE_LINK, "the link \"" + path + "\" points at \"" + target
                    + "\", outside the distribution");
        }
        Path resolved = Path.of(path).resolveSibling(target).normalize();
        if (resolved.startsWith("..") || resolved.toString().isEmpty()) {
            throw new BundleRefused(Reason.UNSAFE_LINK, "the link \"" + path + "\" points at \"" + target
                    + "\", outside the distribution");
        }
    }

    /** As {@link #safePath}, for a name that is not from an archive: a version used as a folder's name. */
    static String safePathOrThrow(String name) {
        try {
            String path = safePath(name);
            if (path.contains("/")) {
                throw new IllegalArgumentException("\"" + name + "\" is not a plain folder name");
            }
            return path;
        } catch (BundleRefused e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static BundleRefused unsafe(String name) {
        return new BundleRefused(Reason.UNSAFE_PATH, "the entry \"" + name.replace("\0", "\\0")
                + "\" is not a plain relative path inside the distribution (absolute, or with .. or empty parts)");
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isLink()) {
            return "hard link to \"" + entry.getLinkName() + "\"";
        }
        if (entry.isCharacterDevice()) {
            return "character device";
        }
        if (entry.isBlockDevice()) {
            return "block device";
        }
        if (entry.isFIFO()) {
            return "named pipe";
        }
        return "special entry";
    }
}
