package dev.ferry.it.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry bundle} as an operator uses it, with the tools beside it: keys made by OpenSSL, distributions packed by
 * GNU tar. A good bundle verifies; one changed after signing, one signed by another key, and a distribution with a
 * link out of its folder are refused, each with its reason and exit code 1.
 */
class BundleCommandsTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Path dist;

    @BeforeEach
    void operatorKeysAndADistribution() throws Exception {
        run(List.of("openssl", "genpkey", "-algorithm", "ed25519", "-out", "operator.key"));
        run(List.of("openssl", "pkey", "-in", "operator.key", "-pubout", "-out", "operator.pub"));
        Path top = Files.createDirectories(work.resolve("ferry-0.9.0"));
        Files.createDirectories(top.resolve("bin"));
        Files.writeString(top.resolve("bin/ferry"), "#!/bin/sh\necho 0.9.0\n");
        top.resolve("bin/ferry").toFile().setExecutable(true);
        Files.createDirectories(top.resolve("lib"));
        Files.write(top.resolve("lib/agent.jar"), new byte[200_000]);
        Files.createSymbolicLink(top.resolve("ferry.jar"), Path.of("lib/agent.jar"));
        run(List.of("tar", "czf", "ferry-0.9.0-portable.tar.gz", "ferry-0.9.0"));
        dist = work.resolve("ferry-0.9.0-portable.tar.gz");
    }

    @Test
    void aBundleSignedWithAnOpensslKeyVerifiesAndOneChangedAfterSigningDoesNot() throws Exception {
        AgentProcess.Result signed = ferry("bundle", "sign", "-k", "operator.key", "--dist", dist.toString(),
                "--version", "0.9.0", "--out", "ferry-0.9.0.bundle", "--notes", "first release");
        assertThat(signed.exitCode()).as(signed.stderr()).isZero();
        assertThat(signed.stdout()).contains("ferry 0.9.0 for any, 3 files");

        AgentProcess.Result good = ferry("bundle", "verify", "-k", "operator.pub", "ferry-0.9.0.bundle");
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(good.stdout()).contains("good: ferry 0.9.0").contains("first release");

        Files.copy(work.resolve("ferry-0.9.0.bundle"), work.resolve("changed.bundle"));
        byte[] bundle = Files.readAllBytes(work.resolve("ferry-0.9.0.bundle"));
        int archive = gzipStart(bundle);
        bundle[archive + 100] ^= (byte) 0xff;   // inside the compressed distribution
        Files.write(work.resolve("changed.bundle"), bundle);
        AgentProcess.Result changed = ferry("bundle", "verify", "-k", "operator.pub", "changed.bundle");
        assertThat(changed.exitCode()).isEqualTo(1);
        assertThat(changed.stderr()).contains("ferry: bundle refused (hash_mismatch)").doesNotContain("\tat ");

        assertThat(ferry("bundle", "keygen", "--out", "stranger").exitCode()).isZero();
        AgentProcess.Result foreign = ferry("bundle", "verify", "-k", "stranger.pub", "ferry-0.9.0.bundle");
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.stderr()).contains("bundle refused (untrusted_signature): the bundle is not signed by any"
                + " trusted key (trusted: ");
    }

    @Test
    void aDistributionWithALinkOutOfItsFolderIsNotSigned() throws Exception {
        Files.createSymbolicLink(work.resolve("ferry-0.9.0/lib/etc"), Path.of("../../../etc"));
        run(List.of("tar", "czf", "evil.tar.gz", "ferry-0.9.0"));

        AgentProcess.Result refused = ferry("bundle", "sign", "-k", "operator.key", "--dist", "evil.tar.gz",
                "--version", "0.9.0", "--out", "evil.bundle");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("bundle refused (unsafe_link): the link \"ferry-0.9.0/lib/etc\" points at"
                + " \"../../../etc\", outside the distribution").doesNotContain("\tat ");
        assertThat(work.resolve("evil.bundle")).doesNotExist();
    }

    @Test
    void keygenNeverOverwritesAKey() throws Exception {
        AgentProcess.Result again = ferry("bundle", "keygen", "--out", "operator");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("operator.key exists already; a key is never overwritten");
    }

    /** Where the distribution archive starts: the first gzip header, after the manifest and the signatures (text). */
    private static int gzipStart(byte[] bundle) {
        for (int i = 0; i + 2 < bundle.length; i++) {
            if ((bundle[i] & 0xff) == 0x1f && (bundle[i + 1] & 0xff) == 0x8b && bundle[i + 2] == 8) {
                return i;
            }
        }
        throw new AssertionError("no gzip archive in the bundle");
    }

    private AgentProcess.Result ferry(String... args) throws Exception {
        return AgentProcess.run(work, "ferry", LIMIT, args);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
