package dev.ferry.update;

import dev.ferry.update.BundleRefused.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The bundle as a file: an uncompressed tar of {@code manifest.json}, {@code signatures} (one base64 Ed25519
 * signature of the manifest's bytes per line) and the distribution archive the manifest names, in that order, so
 * that a reader knows what to expect before the large part comes.
 */
final class BundleFile {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURES = "signatures";
    private static final int MAX_MANIFEST = 8 * 1024 * 1024;
    private static final int MAX_SIGNATURES = 64 * 1024;

    private BundleFile() {}

    /** What precedes the archive, read and bounded. */
    record Head(byte[] manifest, List<byte[]> signatures) {}

    /** Given what precedes the archive, reads the archive's bytes as they pass. */
    interface ArchiveReader {
        void read(Head head, String name, long size, InputStream archive) throws IOException, BundleRefused;
    }

    /** Writes a bundle to {@code out}, through a temporary file beside it, so that a bundle on disk is complete. */
    static void write(Path out, byte[] manifest, List<byte[]> signatures, Path archive, String archiveName) throws IOException {
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, MANIFEST, manifest);
            StringBuilder lines = new StringBuilder();
            for (byte[] signature : signatures) {
                lines.append(Base64.getEncoder().encodeToString(signature)).append('\n');
            }
            add(tar, SIGNATURES, lines.toString().getBytes(StandardCharsets.US_ASCII));
            TarArchiveEntry entry = new TarArchiveEntry(archiveName);
            entry.setSize(Files.size(archive));
            tar.putArchiveEntry(entry);
            Files.copy(archive, tar);
            tar.closeArchiveEntry();
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the manifest and the signatures, then hands the archive to {@code archiveReader} as a stream. */
    static Head read(Path bundle, ArchiveReader archiveReader) throws IOException, BundleRefused {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(bundle));
                TarArchiveInputStream tar = new TarArchiveInputStream(file)) {
            byte[] manifest = small(tar, MANIFEST, MAX_MANIFEST);
            byte[] signatureLines = small(tar, SIGNATURES, MAX_SIGNATURES);
            List<byte[]> signatures = new ArrayList<>();
            for (String line : new String(signatureLines, StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank()) {
                    try {
                        signatures.add(Base64.getDecoder().decode(line.strip()));
                    } catch (IllegalArgumentException e) {
                        throw new BundleRefused(Reason.MALFORMED, "a line of the signatures is not base64");
                    }
                }
            }
            TarArchiveEntry archive = tar.getNextEntry();
            if (archive == null || !EntryRules.isRegularFile(archive)) {
                throw new BundleRefused(Reason.MALFORMED, "the bundle holds no distribution archive after its signatures");
            }
            Head head = new Head(manifest, signatures);
            archiveReader.read(head, archive.getName(), archive.getSize(), tar);
            if (tar.getNextEntry() != null) {
                throw new BundleRefused(Reason.MALFORMED, "the bundle holds more than a manifest, signatures and one archive");
            }
            return head;
        }
    }

    private static byte[] small(TarArchiveInputStream tar, String name, int limit) throws IOException, BundleRefused {
        TarArchiveEntry entry = tar.getNextEntry();
        if (entry == null || !entry.getName().equals(name) || !EntryRules.isRegularFile(entry)) {
            throw new BundleRefused(Reason.MALFORMED, "not a Ferry bundle: expected " + name + " as entry "
                    + (name.equals(MANIFEST) ? 1 : 2) + (entry == null ? ", found the end" : ", found " + entry.getName()));
        }
        if (entry.getSize() > limit) {
            throw new BundleRefused(Reason.TOO_LARGE, name + " is " + entry.getSize() + " bytes, more than " + limit);
        }
        return tar.readNBytes((int) entry.getSize());
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
