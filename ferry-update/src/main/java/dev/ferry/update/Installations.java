package dev.ferry.update;

import dev.ferry.api.Nullable;
import dev.ferry.log.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The versions installed by updates, side by side under one folder, and which of them runs: {@code versions/<V>/}
 * for each, and the link {@code current} to the one in charge, replaced atomically (a new link renamed over the old),
 * so that a crash or a power cut leaves it pointing at one version or the other, never at none.
 *
 * <pre>
 * /var/lib/ferry/versions/1.4.0/      a complete distribution
 * /var/lib/ferry/versions/1.5.0/
 * /var/lib/ferry/versions/current  -> 1.5.0
 * </pre>
 */
public final class Installations {

    static final String CURRENT = "current";
    private static final String NEXT_LINK = ".current.next";

    private final Path root;

    /** @param root the versions folder; created when first needed */
    public Installations(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The folder of {@code version}, installed or not. */
    public Path folderOf(String version) {
        EntryRules.safePathOrThrow(version);
        return root.resolve(version);
    }

    /**
     * Moves a staged distribution into place as {@code version}: one rename within the same file system, so the
     * version folder is complete or absent.
     *
     * @throws FileAlreadyExistsException when that version is installed already
     */
    public Path install(Path staged, String version) throws IOException {
        Path target = folderOf(version);
        Files.createDirectories(root);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target + " is installed already");
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(root);
        return target;
    }

    /** Makes {@code version} the one in charge. */
    public void switchTo(String version) throws IOException {
        Path target = folderOf(version);
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(target + ": version " + version + " is not installed");
        }
        Path next = root.resolve(NEXT_LINK);
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, Path.of(version));
        Files.move(next, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.syncDirectory(root);
    }

    /** Puts no installed version in charge: the packaged one runs again. */
    public void clearCurrent() throws IOException {
        if (Files.deleteIfExists(root.resolve(CURRENT))) {
            AtomicFiles.syncDirectory(root);
        }
    }

    /** The version in charge; null when updates never installed one (the packaged version runs). */
    public @Nullable String current() throws IOException {
        Path link = root.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        return Files.readSymbolicLink(link).toString();
    }

    /** The versions installed, in version order. */
    public List<String> installed() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> versions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && isVersion(name)) {
                    versions.add(name);
                }
            }
        }
        versions.sort((a, b) -> Version.parse(a).compareTo(Version.parse(b)));
        return versions;
    }

    /** Deletes every installed version but those in {@code keep} and the one in charge. */
    public List<String> prune(List<String> keep) throws IOException {
        String current = current();
        List<String> deleted = new ArrayList<>();
        for (String version : installed()) {
            if (!version.equals(current) && !keep.contains(version)) {
                Staging.delete(folderOf(version));
                deleted.add(version);
            }
        }
        return deleted;
    }

    private static boolean isVersion(String name) {
        try {
            Version.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
