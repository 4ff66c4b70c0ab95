package dev.ferry.management.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz targets for the desired documents the control connection receives: whatever the bytes, {@link
 * DesiredDocuments#read} and {@link DesiredDocuments#readUpdate} return a checked document or refuse it with a
 * {@link DocumentRefused} and its reason. Any other exception, a document accepted as signed that was not, or an
 * input that takes longer than the timeout, is a finding.
 *
 * <p>A normal build runs each target over the inputs in {@code src/test/resources/dev/ferry/management/control/
 * DesiredDocumentsFuzzTestInputs/<method>/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes them for
 * real and writes a crashing input there. The signed seeds are signed with the test keys below for agent {@code gw}
 * and expire in 2099, so that they pass every check and the fuzzer starts from documents the agent accepts; the clock
 * is fixed so that they are read the same way every time.
 */
class DesiredDocumentsFuzzTest {

    /** Keys for these tests only: they signed the seed documents, and nothing else trusts them. */
    static final String ED25519_PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIFSBWdL8WI1gy41woZJ2QFFjIRcx9b+CsR4yhElaB56j
            -----END PRIVATE KEY-----
            """;
    static final String ED25519_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAt6st9uNzvb2YdTCR32Ymv5hSSlu+y7kzuMB6CtjAMos=
            -----END PUBLIC KEY-----
            """;
    static final String P256_PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCA9oB/UvLJRtG0kfPMV
            NG2apB2yvBFavF6HaWoCqCKcSw==
            -----END PRIVATE KEY-----
            """;
    static final String P256_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAErTidgvlkuqavMe4/eNas3OqHrAGr
            D7aBSJhnmLeqcARMFB4NcaP+X4Fp/suuAK3Rmzg9Ha9X02lJpvyzfWG2Mg==
            -----END PUBLIC KEY-----
            """;

    private static final String AGENT = "gw";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    static Path keys;

    private static DesiredDocuments signedOnly;
    private static DesiredDocuments plainToo;

    @BeforeAll
    static void documents() throws IOException {
        List<Path> trusted = List.of(Files.writeString(keys.resolve("ed25519.pem"), ED25519_PUBLIC_KEY),
                Files.writeString(keys.resolve("p256.pem"), P256_PUBLIC_KEY));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        signedOnly = DesiredDocuments.of(trusted, true, AGENT, clock);
        plainToo = DesiredDocuments.of(trusted, false, AGENT, clock);
    }

    /** Under {@code require_signed: true}, as an agent runs by default. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void signedRequired(byte[] document) {
        readBoth(signedOnly, document, true);
    }

    /** Under {@code require_signed: false}, where a plain JSON object is read as well. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void plainAccepted(byte[] document) {
        readBoth(plainToo, document, false);
    }

    /** The seeds are what they claim: documents the agent accepts, signed with the test keys and still valid. */
    @Test
    void theSignedSeedsAreAccepted() throws Exception {
        assertThat(signedOnly.read(seed("signedRequired/config-ed25519.jws")).signed()).isTrue();
        assertThat(signedOnly.readUpdate(seed("signedRequired/update-p256.jws")).signed()).isTrue();
        assertThat(plainToo.read(seed("plainAccepted/config.json")).signed()).isFalse();
        assertThat(plainToo.readUpdate(seed("plainAccepted/update.json")).signed()).isFalse();
    }

    /** The test keys still sign as the seeds were signed, should they need making again. */
    @Test
    void theTestKeysSignDocumentsTheAgentAccepts() throws Exception {
        for (String key : List.of(ED25519_PRIVATE_KEY, P256_PRIVATE_KEY)) {
            DesiredDocumentSigner signer = DesiredDocumentSigner.withKey(Files.writeString(keys.resolve("signer.key"), key));
            String document = signer.sign(1, "agent:\n  id: gw\n", "yaml", AGENT, NOW, Instant.parse("2099-12-31T00:00:00Z"));

            assertThat(signedOnly.read(document.getBytes(StandardCharsets.US_ASCII)).version()).isEqualTo(1);
        }
    }

    private static void readBoth(DesiredDocuments documents, byte[] document, boolean requireSigned) {
        try {
            DesiredConfig config = documents.read(document);
            assertThat(config.version()).isPositive();
            assertThat(config.text()).isNotBlank();
            assertThat(config.format()).isNotNull();
            if (requireSigned) {
                assertThat(config.signed()).as("accepted as signed under require_signed").isTrue();
            }
        } catch (DocumentRefused e) {
            assertReason(e);
        }
        try {
            DesiredUpdate update = documents.readUpdate(document);
            assertThat(update.version()).isPositive();
            assertThat(update.bundle()).isNotBlank();
            if (requireSigned) {
                assertThat(update.signed()).as("accepted as signed under require_signed").isTrue();
            }
        } catch (DocumentRefused e) {
            assertReason(e);
        }
    }

    private static void assertReason(DocumentRefused e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("refused without a reason", e);
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (var in = DesiredDocumentsFuzzTest.class.getResourceAsStream("DesiredDocumentsFuzzTestInputs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
