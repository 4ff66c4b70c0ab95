package dev.ferry.update;

import dev.ferry.update.BundleManifest.FileEntry;
import dev.ferry.update.BundleRefused.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unpacks a verified bundle's distribution into a new staging folder, checking every entry against the signed
 * manifest as it goes: its path and type ({@link EntryRules}), its size and SHA-256; a file the manifest does not list,
 * or one it lists that the archive lacks, is refused. Links are made last, so no file is ever written through one.
 * Whatever is refused leaves no staging folder behind.
 */
public final class Staging {

    private Staging() {}

    /**
     * @param dir the staging folder; must not exist yet
     * @throws BundleRefused when an entry breaks the rules or the manifest; {@code dir} is gone then
     */
    public static void unpack(Path bundle, BundleVerifier.Verified verified, Path dir) throws IOException, BundleRefused {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        try {
            BundleFile.read(bundle, (head, name, size, archive) -> {
                if (!Arrays.equals(head.manifest(), verified.manifestBytes())) {
                    throw new BundleRefused(Reason.HASH_MISMATCH, "the bundle changed since it was verified");
                }
                unpackArchive(verified.manifest(), archive, dir);
            });
        } catch (IOException | BundleRefused | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** @param archive the bundle's archive entry, which ends where the entry does */
    private static void unpackArchive(BundleManifest manifest, InputStream archive, Path dir)
            throws IOException, BundleRefused {
        Map<String, FileEntry> expected = new HashMap<>();
        for (FileEntry file : manifest.files()) {
            expected.put(file.path(), file);
        }
        Map<String, String> links = new LinkedHashMap<>();
        MessageDigest archiveHash = Hashing.sha256();
        InputStream hashed = new DigestInputStream(archive, archiveHash);
        DistArchive.read(hashed, (path, entry, content) -> {
            Path target = dir.resolve(path);
            if (entry.isDirectory()) {
                Files.createDirectories(target);
                return;
            }
            FileEntry listed = expected.remove(path);
            if (listed == null) {
                throw new BundleRefused(Reason.HASH_MISMATCH, "the archive holds \"" + path + "\", which the signed"
                        + " manifest does not list (or lists once)");
            }
            if (entry.isSymbolicLink()) {
                if (!entry.getLinkName().equals(listed.link())) {
                    throw new BundleRefused(Reason.UNSAFE_LINK, "the link \"" + path + "\" points at \""
                            + entry.getLinkName() + "\", the signed manifest says \"" + listed.link() + "\"");
                }
                links.put(path, entry.getLinkName());
                return;
            }
            writeFile(listed, target, content);
        });
        hashed.transferTo(OutputStream.nullOutputStream());   // the archive's end, so that its hash covers it whole
        if (!Hashing.hex(archiveHash).equals(manifest.archive().sha256())) {
            throw new BundleRefused(Reason.HASH_MISMATCH, "the archive does not have the SHA-256 its manifest gives");
        }
        if (!expected.isEmpty()) {
            throw new BundleRefused(Reason.HASH_MISMATCH, "the archive lacks " + expected.size()
                    + " file(s) the manifest lists, such as \"" + expected.keySet().iterator().next() + "\"");
        }
        for (Map.Entry<String, String> link : links.entrySet()) {   // each checked by EntryRules as it was read
            Path at = dir.resolve(link.getKey());
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, Path.of(link.getValue()));
        }
    }

    private static void writeFile(FileEntry listed, Path target, InputStream content) throws IOException, BundleRefused {
        if (listed.link() != null) {
            throw new BundleRefused(Reason.HASH_MISMATCH, "\"" + listed.path() + "\" is a file; the signed manifest"
                    + " lists it as a link");
        }
        Files.createDirectories(target.getParent());
        Hashing.Copied copied;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            copied = Hashing.copy(content, out, listed.size());
        } catch (FileAlreadyExistsException e) {
            throw new BundleRefused(Reason.MALFORMED, "the archive holds \"" + listed.path() + "\" twice");
        }
        if (copied.more() || copied.size() != listed.size() || !copied.sha256().equals(listed.sha256())) {
            throw new BundleRefused(Reason.HASH_MISMATCH, "\"" + listed.path() + "\" does not have the size and"
                    + " SHA-256 the signed manifest gives: it was changed after signing");
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(listed.executable() ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Deletes {@code dir} and everything in it, links as links (never what they point at). */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
