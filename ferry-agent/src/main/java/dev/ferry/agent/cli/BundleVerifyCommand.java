package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.update.BundleManifest;
import dev.ferry.update.BundleVerifier;
import dev.ferry.update.SigningKeys;
import dev.ferry.update.Staging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry bundle verify}: what an agent checks before it installs a bundle, but versions: the signatures against
 * the keys given, the expiry, the archive's hash, and every file unpacked into a temporary folder and checked.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a bundle as an agent would: signatures, expiry, hashes, and every entry of its archive.")
final class BundleVerifyCommand implements Callable<Integer> {

    private static final long MAX_ARCHIVE_BYTES = 1L << 30;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "PUBLIC_KEY",
            description = "A trusted Ed25519 public key (PEM); repeat it for several.")
    List<Path> keys;

    @Option(names = "--threshold", defaultValue = "1", paramLabel = "N",
            description = "How many of the keys must have signed. Default: ${DEFAULT-VALUE}.")
    int threshold;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle file.")
    Path bundle;

    @Override
    public Integer call() throws Exception {
        List<SigningKeys.TrustedKey> trusted = new ArrayList<>();
        for (Path key : keys) {
            trusted.add(SigningKeys.readPublic(key));
        }
        BundleVerifier.Trust trust;
        try {
            trust = new BundleVerifier.Trust(trusted, threshold);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        BundleVerifier.Verified verified = BundleVerifier.verify(bundle, trust,
                new BundleVerifier.Expectations(null, null, false, Instant.now(), MAX_ARCHIVE_BYTES));
        Path scratch = Files.createTempDirectory("ferry-bundle-verify");
        try {
            Staging.unpack(bundle, verified, scratch.resolve("dist"));
        } finally {
            Staging.delete(scratch);
        }
        BundleManifest manifest = verified.manifest();
        System.out.println(bundle + ": good: ferry " + manifest.version() + " for " + manifest.architecture()
                + (manifest.minVersion() == null ? "" : ", replaces " + manifest.minVersion() + " or newer")
                + ", " + manifest.files().size() + " files, expires " + manifest.expires() + ", signed by "
                + verified.signedBy().stream().map(key -> key.id() + " (" + key.file().getFileName() + ")")
                        .collect(Collectors.joining(", ")));
        if (!manifest.notes().isBlank()) {
            System.out.println(manifest.notes().strip());
        }
        return 0;
    }
}
