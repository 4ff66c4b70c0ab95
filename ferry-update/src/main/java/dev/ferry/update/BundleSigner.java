package dev.ferry.update;

import dev.ferry.api.Nullable;
import dev.ferry.update.BundleManifest.Archive;
import dev.ferry.update.BundleManifest.FileEntry;
import dev.ferry.update.SigningKeys.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a bundle of a distribution archive: lists every file with its size and SHA-256, writes the manifest, and
 * signs its bytes with each key given. An archive that an agent would refuse to unpack is refused here already.
 */
public final class BundleSigner {

    private BundleSigner() {}

    /** What the operator says of the release. */
    public record Release(String version, String architecture, @Nullable String minVersion, Instant expires, String notes) {}

    /**
     * @throws BundleRefused when the archive holds an entry no agent would unpack
     * @throws IOException when a file cannot be read or the bundle written
     */
    public static BundleManifest sign(List<SigningKey> keys, Path dist, Release release, Path out)
            throws IOException, BundleRefused {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key signs a bundle");
        }
        Version.parse(release.version());
        if (release.minVersion() != null) {
            Version.parse(release.minVersion());
        }
        List<FileEntry> files = new ArrayList<>();
        MessageDigest archiveHash = Hashing.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(dist), archiveHash)) {
            DistArchive.read(in, (path, entry, content) -> {
                if (entry.isSymbolicLink()) {
                    files.add(FileEntry.symlink(path, entry.getLinkName()));
                } else if (EntryRules.isRegularFile(entry)) {
                    Hashing.Copied copied = Hashing.copy(content, OutputStream.nullOutputStream(), Long.MAX_VALUE);
                    files.add(FileEntry.file(path, copied.size(), copied.sha256(), (entry.getMode() & 0100) != 0));
                }
            });
            in.transferTo(OutputStream.nullOutputStream());   // past the tar's end, so that the hash covers the file
        } catch (java.util.zip.ZipException e) {
            throw new IOException(dist + " is not a gzip-compressed tar archive: " + e.getMessage(), e);
        }
        String archiveSha256 = Hashing.hex(archiveHash);
        String archiveName = dist.getFileName().toString();
        BundleManifest manifest = new BundleManifest(release.version(), release.architecture(), release.minVersion(),
                release.expires().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), release.notes(), new Archive(archiveName, Files.size(dist), archiveSha256), files);
        byte[] json = manifest.toJson();
        List<byte[]> signatures = new ArrayList<>();
        for (SigningKey key : keys) {
            signatures.add(signatureOf(json, key));
        }
        BundleFile.write(out, json, signatures, dist, archiveName);
        return manifest;
    }

    private static byte[] signatureOf(byte[] manifest, SigningKey key) throws IOException {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.key());
            signature.update(manifest);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign with " + key.file() + ": " + e.getMessage(), e);
        }
    }
}
