package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.api.Nullable;
import dev.ferry.update.BundleManifest;
import dev.ferry.update.BundleSigner;
import dev.ferry.update.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry bundle sign}: a distribution archive made into a signed bundle. */
// no -V/--version of its own: --version here is the version the bundle holds
@Command(name = "sign",
        description = "Make a signed update bundle of a distribution archive (the portable .tar.gz bin/package writes).")
final class BundleSignCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY",
            description = "An Ed25519 private key (from ferry bundle keygen); repeat it to sign with several.")
    List<Path> keys;

    @Option(names = "--dist", required = true, paramLabel = "ARCHIVE", description = "The distribution archive (.tar.gz).")
    Path dist;

    @Option(names = "--version", required = true, paramLabel = "V", description = "The version it holds, e.g. 1.4.0.")
    String version;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "The bundle file to write.")
    Path out;

    @Option(names = "--min-version", paramLabel = "V", description = "The oldest running version it may replace.")
    @Nullable String minVersion;

    @Option(names = "--expires", defaultValue = "90d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long agents accept it after now; older bundles cannot be replayed. Default: ${DEFAULT-VALUE}.")
    Duration expires;

    @Option(names = "--architecture", defaultValue = BundleManifest.ANY_ARCHITECTURE, paramLabel = "ARCH",
            description = "amd64 or arm64 for a runtime image; any for the portable archive. Default: ${DEFAULT-VALUE}.")
    String architecture;

    @Option(names = "--notes", defaultValue = "", paramLabel = "TEXT", description = "Release notes, or @FILE to read them.")
    String notes;

    @Override
    public Integer call() throws Exception {
        List<SigningKeys.SigningKey> signing = new ArrayList<>();
        for (Path key : keys) {
            signing.add(SigningKeys.readPrivate(key));
        }
        String releaseNotes = notes.startsWith("@") ? Files.readString(Path.of(notes.substring(1))) : notes;
        BundleManifest manifest;
        try {
            manifest = BundleSigner.sign(signing, dist, new BundleSigner.Release(version, architecture, minVersion,
                    Instant.now().plus(expires), releaseNotes), out);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        System.out.println("wrote " + out + ": ferry " + manifest.version() + " for " + manifest.architecture() + ", "
                + manifest.files().size() + " files, expires " + manifest.expires() + ", signed with " + signing.size()
                + " key(s)");
        return 0;
    }
}
