package dev.ferry.management.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ferry.management.auth.TestJwts;
import dev.ferry.management.auth.TestKeys;
import dev.ferry.runtime.config.ConfigFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Desired documents as the agent reads them: signed by a trusted Ed25519 or P-256 key with {@code ferry sign-config}'s
 * signer, for this agent, not expired; everything else refused with the reason it will report.
 */
class DesiredDocumentsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String CONFIG = "agent:\n  id: gw-01\n";

    @TempDir
    Path dir;

    @Test
    void aDocumentSignedWithATrustedEd25519KeyCarriesItsVersionAndConfig() throws Exception {
        KeyPair operator = TestKeys.ed25519();
        String document = signer(operator, "ed.key").sign(7, CONFIG, "yaml", "gw-01", NOW, NOW.plusSeconds(600));

        DesiredConfig desired = documents(true, operator).read(bytes(document));

        assertThat(desired).isEqualTo(new DesiredConfig(7, CONFIG, ConfigFormat.YAML, true));
    }

    @Test
    void aDocumentSignedWithATrustedP256KeyIsReadAndTomlStaysToml() throws Exception {
        KeyPair operator = TestKeys.ecP256();
        String document = signer(operator, "ec.key").sign(3, "x = 1\n", "toml", "gw-01", NOW, NOW.plusSeconds(600));

        assertThat(documents(true, operator).read(bytes(document)).format()).isEqualTo(ConfigFormat.TOML);
    }

    @Test
    void aSignatureOfAnotherKeyIsRefused() throws Exception {
        String document = signer(TestKeys.ed25519(), "other.key").sign(7, CONFIG, "yaml", "gw-01", NOW,
                NOW.plusSeconds(600));

        assertRefused(documents(true, TestKeys.ed25519()), document, "not that of any key in control.trusted_keys");
    }

    @Test
    void anExpiredDocumentIsRefused() throws Exception {
        KeyPair operator = TestKeys.ed25519();
        String document = signer(operator, "ed.key").sign(7, CONFIG, "yaml", "gw-01", NOW.minusSeconds(7200),
                NOW.minusSeconds(3600));

        assertRefused(documents(true, operator), document, "expired at 2026-12-07T11:00:00Z");
    }

    @Test
    void aDocumentForAnotherAgentIsRefused() throws Exception {
        KeyPair operator = TestKeys.ed25519();
        String document = signer(operator, "ed.key").sign(7, CONFIG, "yaml", "gw-02", NOW, NOW.plusSeconds(600));

        assertRefused(documents(true, operator), document, "meant for gw-02, not for gw-01");
    }

    @Test
    void anUnsignedDocumentIsRefusedUnlessSignaturesAreNotRequired() throws Exception {
        String plain = "{\"version\": 4, \"config\": \"agent:\\n  id: gw-01\\n\"}";

        assertRefused(documents(true, TestKeys.ed25519()), plain, "not signed");
        assertThat(documents(false, TestKeys.ed25519()).read(bytes(plain)))
                .isEqualTo(new DesiredConfig(4, CONFIG, ConfigFormat.YAML, false));
    }

    @Test
    void algorithmsOtherThanEdDsaAndEs256AreRefusedByName() throws Exception {
        KeyPair operator = TestKeys.ed25519();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience("gw-01").claim("version", 9).claim("config", CONFIG)
                .expirationTime(Date.from(NOW.plusSeconds(600))).build();

        assertRefused(documents(true, operator), TestJwts.unsigned(claims), "neither a JWS");
        assertRefused(documents(true, operator), TestJwts.hs256(operator.getPublic().getEncoded(), claims),
                "signed with HS256; only EdDSA and ES256 are accepted");
    }

    @Test
    void aVersionThatIsNotAWholeNumberFromOneIsRefused() throws Exception {
        String plain = "{\"version\": 0, \"config\": \"x\"}";

        assertRefused(documents(false, TestKeys.ed25519()), plain, "version must be a whole number from 1 up");
    }

    private DesiredDocumentSigner signer(KeyPair pair, String name) throws Exception {
        return DesiredDocumentSigner.withKey(TestKeys.writePem(dir.resolve(name), "PRIVATE KEY", pair.getPrivate()));
    }

    private DesiredDocuments documents(boolean requireSigned, KeyPair trusted) throws Exception {
        return DesiredDocuments.of(List.of(TestKeys.writePublicKey(dir, "trusted.pem", trusted)), requireSigned,
                "gw-01", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void assertRefused(DesiredDocuments documents, String document, String reason) {
        assertThatThrownBy(() -> documents.read(bytes(document))).isInstanceOf(DocumentRefused.class)
                .hasMessageContaining(reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
