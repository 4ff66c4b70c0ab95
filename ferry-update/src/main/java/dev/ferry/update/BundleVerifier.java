package dev.ferry.update;

import dev.ferry.api.Nullable;
import dev.ferry.update.BundleManifest.FileEntry;
import dev.ferry.update.BundleRefused.Reason;
import dev.ferry.update.SigningKeys.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Checks a bundle before anything changes: its signatures against the trusted keys (as many as the threshold asks),
 * its expiry, architecture and version against the running agent, and the distribution archive's size and SHA-256.
 * Each file's own hash is checked as it is unpacked ({@link Staging}).
 */
public final class BundleVerifier {

    private BundleVerifier() {}

    /** The public keys trusted to sign bundles, and how many of them must have signed one. */
    public record Trust(List<TrustedKey> keys, int threshold) {

        public Trust {
            keys = List.copyOf(keys);
            if (threshold < 1 || threshold > keys.size()) {
                throw new IllegalArgumentException("the threshold of signatures must be between 1 and the number of"
                        + " trusted keys (" + keys.size() + "), not " + threshold);
            }
        }
    }

    /**
     * What the bundle is checked against.
     *
     * @param running the version it would replace; null to leave versions unchecked (an operator checking a bundle)
     * @param architecture this gateway's ({@code amd64}, {@code arm64}); null to leave it unchecked
     * @param maxArchiveBytes the largest archive accepted; the files unpacked may add up to twice that
     */
    public record Expectations(@Nullable Version running, @Nullable String architecture, boolean allowDowngrade,
            Instant now, long maxArchiveBytes) {}

    /** A bundle that passed, with the keys that signed it. */
    public record Verified(BundleManifest manifest, byte[] manifestBytes, List<TrustedKey> signedBy) {}

    /** @throws BundleRefused with the reason; nothing was written */
    public static Verified verify(Path bundle, Trust trust, Expectations expect) throws IOException, BundleRefused {
        AtomicReference<Verified> verified = new AtomicReference<>();
        BundleFile.read(bundle, (head, name, size, archive) -> {
            Verified passed = checkHead(head, trust, expect);
            checkArchive(passed.manifest(), name, size, archive);
            verified.set(passed);
        });
        return verified.get();
    }

    /** The signatures, then what the signed manifest says; the archive is not read yet. */
    static Verified checkHead(BundleFile.Head head, Trust trust, Expectations expect) throws BundleRefused {
        if (head.signatures().isEmpty()) {
            throw new BundleRefused(Reason.UNSIGNED, "the bundle is not signed");
        }
        List<TrustedKey> signedBy = new ArrayList<>();
        for (TrustedKey key : trust.keys()) {
            if (head.signatures().stream().anyMatch(signature -> verifies(key, head.manifest(), signature))) {
                signedBy.add(key);
            }
        }
        if (signedBy.size() < trust.threshold()) {
            throw new BundleRefused(Reason.UNTRUSTED_SIGNATURE, signedBy.isEmpty()
                    ? "the bundle is not signed by any trusted key (trusted: " + describe(trust.keys()) + ")"
                    : "the bundle is signed by " + signedBy.size() + " of the trusted keys (" + describe(signedBy)
                            + "), " + trust.threshold() + " needed");
        }
        BundleManifest manifest = BundleManifest.parse(head.manifest());
        if (!expect.now().isBefore(manifest.expires())) {
            throw new BundleRefused(Reason.EXPIRED, "the bundle of version " + manifest.version() + " expired on "
                    + manifest.expires() + "; ask for a newly signed one");
        }
        if (expect.architecture() != null && !manifest.architecture().equals(BundleManifest.ANY_ARCHITECTURE)
                && !manifest.architecture().equals(expect.architecture())) {
            throw new BundleRefused(Reason.WRONG_ARCHITECTURE, "the bundle is for " + manifest.architecture()
                    + ", this gateway is " + expect.architecture());
        }
        if (expect.running() != null) {
            checkVersions(manifest, expect.running(), expect.allowDowngrade());
        }
        // saturating: sizes that add up past a long must not wrap round to a small total
        long unpacked = manifest.files().stream().mapToLong(FileEntry::size)
                .reduce(0, (sum, size) -> size < 0 || sum > Long.MAX_VALUE - size ? Long.MAX_VALUE : sum + size);
        if (manifest.archive().size() > expect.maxArchiveBytes() || unpacked > 2 * expect.maxArchiveBytes()) {
            throw new BundleRefused(Reason.TOO_LARGE, "the bundle's archive is " + manifest.archive().size()
                    + " bytes (" + unpacked + " unpacked); at most " + expect.maxArchiveBytes() + " are accepted");
        }
        return new Verified(manifest, head.manifest(), List.copyOf(signedBy));
    }

    private static void checkVersions(BundleManifest manifest, Version running, boolean allowDowngrade) throws BundleRefused {
        Version offered = Version.parse(manifest.version());
        int byVersion = offered.compareTo(running);
        if (byVersion == 0) {
            throw new BundleRefused(Reason.ALREADY_RUNNING, "version " + offered + " runs already");
        }
        if (byVersion < 0 && !allowDowngrade) {
            throw new BundleRefused(Reason.DOWNGRADE, "version " + offered + " is older than the running "
                    + running + "; write update.allow_downgrade: true to install an older one");
        }
        if (manifest.minVersion() != null && running.isOlderThan(Version.parse(manifest.minVersion()))) {
            throw new BundleRefused(Reason.TOO_OLD_TO_REPLACE, "version " + offered + " replaces " + manifest.minVersion()
                    + " or newer; this gateway runs " + running + ": install a version between first");
        }
    }

    private static void checkArchive(BundleManifest manifest, String name, long size, InputStream archive)
            throws IOException, BundleRefused {
        if (!name.equals(manifest.archive().name()) || size != manifest.archive().size()) {
            throw new BundleRefused(Reason.HASH_MISMATCH, "the bundle holds " + name + " of " + size
                    + " bytes; its manifest names " + manifest.archive().name() + " of " + manifest.archive().size()
                    + ": it was changed after signing");
        }
        Hashing.Copied copied = Hashing.copy(archive, OutputStream.nullOutputStream(), size);
        if (!copied.sha256().equals(manifest.archive().sha256())) {
            throw new BundleRefused(Reason.HASH_MISMATCH, "the archive " + name + " does not have the SHA-256 its"
                    + " manifest gives: it was changed after signing");
        }
    }

    private static boolean verifies(TrustedKey key, byte[] manifest, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.key());
            verifier.update(manifest);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;   // a signature of another form or length is not one of this key
        }
    }

    private static String describe(List<TrustedKey> keys) {
        return keys.stream().map(key -> key.id() + " " + key.file().getFileName()).collect(Collectors.joining(", "));
    }
}
