package dev.ferry.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferry.update.BundleSigner.Release;
import dev.ferry.update.BundleVerifier.Expectations;
import dev.ferry.update.BundleVerifier.Trust;
import dev.ferry.update.BundleVerifier.Verified;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz targets for what a gateway reads from outside before it trusts it: a bundle's manifest, a bundle file as it was
 * downloaded, and a version. Whatever the bytes, each ends in a result or in the refusal its method declares, with a
 * message: {@link BundleRefused}, an {@link IOException}, an {@link IllegalArgumentException} for a version. Any other
 * exception, or an input that takes longer than the timeout, is a finding.
 *
 * <p>A normal build runs each target over the inputs in {@code src/test/resources/dev/ferry/update/
 * BundleParsingFuzzTestInputs/<method>/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes them for real
 * and writes a crashing input there. The seed bundle in {@code verify/} and {@code read/} is signed with
 * {@link #TEST_PRIVATE_KEY}, a key for these tests only, so that it passes every check and the fuzzer starts from a
 * bundle the verifier accepts.
 */
class BundleParsingFuzzTest {

    /** An Ed25519 key for these tests only: it signed the seed bundles, and nothing else trusts it. */
    static final String TEST_PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEINPJQ3u2eFzHRNWstBh4mkLLEZ7DXFLhhmQx0jksVH5V
            -----END PRIVATE KEY-----
            """;
    static final String TEST_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAY0NlexgovzQsBDtlL6Q8LY1xp5Ukp8TSCkZJ5R893Dk=
            -----END PUBLIC KEY-----
            """;

    /** The seed bundles are of version 1.1.0, for any architecture, and expire at the end of 2099. */
    private static final Expectations EXPECT = new Expectations(Version.parse("1.0.0"), "amd64", false,
            Instant.parse("2026-12-07T12:00:00Z"), 1024 * 1024);
    private static final List<Version> OTHERS = List.of(Version.parse("0"), Version.parse("1.0.0"),
            Version.parse("1.0.0-rc.1"), Version.parse("1.0.0-rc.1.x-y"), Version.parse("2.10.3"));

    @TempDir
    static Path work;

    private static Trust trust;
    private static Path bundle;

    @BeforeAll
    static void keys() throws IOException {
        Files.writeString(work.resolve("test.key"), TEST_PRIVATE_KEY);
        trust = new Trust(List.of(SigningKeys.readPublic(Files.writeString(work.resolve("test.pub"), TEST_PUBLIC_KEY))), 1);
        bundle = work.resolve("fuzzed.bundle");
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void manifest(byte[] data) throws BundleRefused {
        BundleManifest manifest;
        try {
            manifest = BundleManifest.parse(data);
        } catch (BundleRefused e) {
            assertRefusal(e);
            return;
        }
        // What it accepts it writes back as the same manifest: the bytes signed are the bytes read.
        assertThat(BundleManifest.parse(manifest.toJson())).isEqualTo(manifest);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void verify(byte[] data) throws IOException {
        Files.write(bundle, data);
        try {
            Verified verified = BundleVerifier.verify(bundle, trust, EXPECT);
            assertThat(verified.signedBy()).hasSize(1);
        } catch (BundleRefused e) {
            assertRefusal(e);
        } catch (IOException e) {
            assertMessage(e);
        }
    }

    /** The bundle as read before its signatures count, down to every entry of the distribution archive. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void read(byte[] data) throws IOException {
        Files.write(bundle, data);
        try {
            BundleFile.read(bundle, (head, name, size, archive) -> {
                assertThat(head.manifest()).isNotNull();
                try {
                    BundleManifest.parse(head.manifest());
                } catch (BundleRefused e) {
                    assertRefusal(e);
                }
                DistArchive.read(archive, (path, entry, content) -> {
                    assertThat(path).isNotEmpty().doesNotStartWith("/").doesNotContain("\0");
                    Hashing.copy(content, OutputStream.nullOutputStream(), Math.max(0, entry.getSize()));
                });
            });
        } catch (BundleRefused e) {
            assertRefusal(e);
        } catch (IOException e) {
            assertMessage(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void version(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Version version;
        try {
            version = Version.parse(text);
        } catch (IllegalArgumentException e) {
            assertMessage(e);
            return;
        }
        assertThat(Version.parse(version.toString())).isEqualTo(version);
        assertThat(version.compareTo(version)).isZero();
        for (Version other : OTHERS) {
            assertThat(Integer.signum(version.compareTo(other))).isEqualTo(-Integer.signum(other.compareTo(version)));
        }
    }

    /** The seeds are what they claim: a bundle the verifier accepts, signed with the test key. */
    @Test
    void theSeedBundleVerifies() throws Exception {
        try (InputStream seed = getClass().getResourceAsStream("BundleParsingFuzzTestInputs/verify/signed-1.1.0.bundle")) {
            assertThat(seed).as("the seed bundle").isNotNull();
            Files.write(bundle, seed.readAllBytes());
        }

        Verified verified = BundleVerifier.verify(bundle, trust, EXPECT);

        assertThat(verified.manifest().version()).isEqualTo("1.1.0");
        assertThat(verified.manifest().expires()).isEqualTo(Instant.parse("2099-12-31T00:00:00Z"));
    }

    /** The test key still signs as the seeds were signed, should they need making again. */
    @Test
    void theTestKeySignsBundlesTheTrustAccepts() throws Exception {
        Path dist = Distributions.portable(work.resolve("ferry-1.1.0-portable.tar.gz"), "1.1.0");
        Path signed = work.resolve("ferry-1.1.0.bundle");
        BundleSigner.sign(List.of(SigningKeys.readPrivate(work.resolve("test.key"))), dist,
                new Release("1.1.0", "any", "0.1.0", Instant.parse("2099-12-31T00:00:00Z"), "seed"), signed);

        assertThat(BundleVerifier.verify(signed, trust, EXPECT).signedBy()).hasSize(1);
    }

    private static void assertRefusal(BundleRefused e) {
        assertThat(e.reason()).isNotNull();
        assertMessage(e);
    }

    private static void assertMessage(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("refused without a message: " + e, e);
        }
    }
}
