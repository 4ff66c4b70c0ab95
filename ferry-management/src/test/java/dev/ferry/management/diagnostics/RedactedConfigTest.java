package dev.ferry.management.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config in a bundle: values from the environment, secret-named keys and URL passwords never shown. */
class RedactedConfigTest {

    private static RedactedConfig redact(String text, ConfigFormat format, Map<String, String> env) throws Exception {
        return RedactedConfig.of(new DiagnosticsSources(text, "ferry." + format.name().toLowerCase(), format, env,
                List::of, () -> ""));
    }

    @Test
    void aValueFromTheEnvironmentIsRedactedWhateverItsKeyIsCalled() throws Exception {
        RedactedConfig config = redact("""
                agent: {id: "${GATEWAY_ID}", data_dir: ./data}
                sinks:
                  cloud: {type: mqtt, url: "mqtts://broker:8883", client_id: "gw-${SUFFIX:-fallback-value}"}
                """, ConfigFormat.YAML, Map.of("GATEWAY_ID", "gateway-4711", "SUFFIX", "a9f3"));

        assertThat(config.yaml()).doesNotContain("gateway-4711", "a9f3", "fallback-value")
                .contains("id: \"<redacted> (from ${GATEWAY_ID})\"", "client_id: \"<redacted> (from ${SUFFIX})\"",
                        "url: \"mqtts://broker:8883\"", "data_dir: \"./data\"");
        assertThat(config.secrets()).contains("gateway-4711", "a9f3", "gw-a9f3");
    }

    @Test
    void secretsWrittenIntoTheFileAreRedactedByKeyAndInUrls() throws Exception {
        RedactedConfig config = redact("""
                [sinks.cloud]
                type = "mqtt"
                url = "mqtt://alice:url-password-1@broker:1883"
                password = "literal-password-2"
                [sinks.cloud.tls]
                key_password = "key-password-3"
                [management.auth]
                tokens = [{token = "literal-token-4", scopes = ["agent:read"]}]
                """, ConfigFormat.TOML, Map.of());

        assertThat(config.yaml()).doesNotContain("url-password-1", "literal-password-2", "key-password-3", "literal-token-4")
                .contains("url: \"mqtt://<redacted>@broker:1883\"", "password: \"<redacted>\"",
                        "key_password: \"<redacted>\"", "token: \"<redacted>\"", "- \"agent:read\"");
        assertThat(config.secrets()).contains("url-password-1", "literal-password-2", "key-password-3", "literal-token-4");
    }

    @Test
    void preSharedKeysWrittenIntoTheFileAreRedactedButKeyFilesAreNot() throws Exception {
        RedactedConfig config = redact("""
                sources:
                  devices:
                    type: coap
                    tls: {cert: gw.pem, key: gw.key}
                    psk_devices:
                      - {identity: meter-7, key: "device-psk-5"}
                sinks:
                  relay: {type: coap, url: "coaps://server/in", psk: {identity: gw, key: "hex:0a1b2c3d4e6"}}
                """, ConfigFormat.YAML, Map.of());

        assertThat(config.yaml()).doesNotContain("device-psk-5", "0a1b2c3d4e6")
                .contains("key: gw.key", "identity: meter-7", "key: \"<redacted>\"");
        assertThat(config.secrets()).contains("device-psk-5", "hex:0a1b2c3d4e6");
    }

    @Test
    void theGuardScrubsTextAndFindsBytesButIgnoresTinyValues() {
        SecretGuard guard = new SecretGuard(java.util.Set.of("s3cr3t-value", "1"));

        assertThat(guard.scrub("a s3cr3t-value in 1 line")).isEqualTo("a <redacted> in 1 line");
        assertThat(guard.foundIn("xx s3cr3t-value xx".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(guard.foundIn("nothing here, 1".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }
}
