package dev.ferry.sink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sink's config as a user writes it: the spec's example binds, mistakes are named with their key. */
class MqttSinkProviderTest {

    private static final String HEAD = """
            agent: {id: gw-01, data_dir: ./data}
            sources:
              boiler: {type: test}
            sinks:
              cloud:
                type: mqtt
            """;

    private static List<String> errors(String sink) throws Exception {
        PluginRegistry registry = PluginRegistry.of(List.of(new TestSourceProvider()), List.of(new MqttSinkProvider(), new StdoutStandIn()));
        try {
            ConfigLoader.load(HEAD + sink, "ferry.yaml", ConfigFormat.YAML, Path.of("."), Map.of(), registry);
            return List.of();
        } catch (ConfigException e) {
            return e.errors().stream().map(Object::toString).toList();
        }
    }

    @Test
    void theDocumentedExampleIsValid() throws Exception {
        assertThat(errors("""
                    url: mqtts://localhost:18883
                    client_id: gw-01
                    topic: "ferry/{agent}/{source}/{metric}"
                    qos: 1
                    tls:
                      ca: certs/ca.pem
                      cert: certs/gw-01.pem
                      key: certs/gw-01.key
                """)).isEmpty();
    }

    @Test
    void plainTcpToAnotherHostNeedsInsecure() throws Exception {
        assertThat(errors("    url: mqtt://broker.example.com\n"))
                .containsExactly("ferry.yaml:7: sinks.cloud.url: plain TCP to broker.example.com would send readings and the"
                        + " password in clear; use mqtts:// or set insecure: true");
        assertThat(errors("    url: mqtt://broker.example.com\n    insecure: true\n")).isEmpty();
        assertThat(errors("    url: mqtt://127.0.0.1:1883\n")).isEmpty();
    }

    @Test
    void everyMistakeIsNamedWithItsKeyInOneRun() throws Exception {
        // a value of the wrong range (qos) no longer hides the rules the plugin checks across its keys
        assertThat(errors("""
                    url: http://broker
                    protocol: "4"
                    qos: 2
                    batch_topic: "ferry/{source}"
                """)).containsExactly(
                "ferry.yaml:7: sinks.cloud.url: unknown scheme in \"http://broker\": use mqtts:// (TLS) or mqtt:// (plain TCP)",
                "ferry.yaml:8: sinks.cloud.protocol: must be 5 or 3.1.1, was 4",
                "ferry.yaml:9: sinks.cloud.qos: must be <= 1, was 2",
                "ferry.yaml:10: sinks.cloud.batch_topic: may use only the placeholder {agent}, was \"ferry/{source}\"");
    }

    @Test
    void aWeakCipherSuiteInTheAllowListIsRefusedAtItsLine() throws Exception {
        assertThat(errors("""
                    url: mqtts://localhost:18883
                    tls:
                      ca: certs/ca.pem
                      protocols: [TLSv1.2, TLSv1.1]
                      cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-AES256-SHA]
                """)).containsExactly(
                "ferry.yaml:10: sinks.cloud.tls.protocols: \"TLSv1.1\" is not offered: write TLSv1.3 or TLSv1.2 (older"
                        + " versions are broken and retired by RFC 8996)",
                "ferry.yaml:11: sinks.cloud.tls.cipher_suites: the cipher suite \"ECDHE-RSA-AES256-SHA\""
                        + " (TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA) is refused: it is a CBC suite (MAC-then-encrypt, the target"
                        + " of padding-oracle attacks such as Lucky Thirteen); name ECDHE suites with GCM or"
                        + " CHACHA20_POLY1305, e.g. ECDHE-ECDSA-AES128-GCM-SHA256, ECDHE-RSA-AES128-GCM-SHA256, or the"
                        + " TLS 1.3 ones");
    }

    @Test
    void templatesThatCanNeverFormAValidTopicAreRefusedAtTheirKey() throws Exception {
        assertThat(errors("""
                    url: mqtt://127.0.0.1:1883
                    topic: "tenants/acme//{metric}"
                    gap_topic: "ferry/{agent}/#"
                    status_topic: "$SYS/{agent}"
                """)).containsExactlyInAnyOrder(
                "ferry.yaml:8: sinks.cloud.topic: an empty level (//) makes a topic that no subscriber means to ask for,"
                        + " in \"tenants/acme//{metric}\"",
                "ferry.yaml:9: sinks.cloud.gap_topic: the wildcards + and # are for subscribing and cannot be published to,"
                        + " in \"ferry/{agent}/#\"",
                "ferry.yaml:10: sinks.cloud.status_topic: topics starting with $ belong to the broker ($SYS), which does not"
                        + " pass on what clients publish there, in \"$SYS/{agent}\"");
        assertThat(errors("    url: mqtt://127.0.0.1:1883\n    topic: \"" + "t".repeat(65_100) + "/{source}/{metric}\"\n"))
                .singleElement().asString().contains("sinks.cloud.topic: expands to up to 65614 bytes");
    }

    @Test
    void topicsLeftOutGoUnderTheFixedLevelsOfTheReadingsTopic() {
        assertThat(SinkTopics.of(config("tenants/acme/{source}/{metric}", null)))
                .isEqualTo(new SinkTopics("tenants/acme/{source}/{metric}", "tenants/acme/{agent}/batch",
                        "tenants/acme/{agent}/gaps", "tenants/acme/{agent}/status"));
        assertThat(SinkTopics.of(config("ferry/{agent}/{source}/{metric}", null)).status()).isEqualTo("ferry/{agent}/status");
        assertThat(SinkTopics.of(config("{tag:tenant}/{source}", null)).status()).isEqualTo("ferry/{agent}/status");
        assertThat(SinkTopics.of(config("tenants/acme/{source}", "")).status()).isNull();
        assertThat(SinkTopics.of(config("tenants/acme/{source}", "x/{agent}")).status()).isEqualTo("x/{agent}");
    }

    private static MqttSinkConfig config(String topic, String statusTopic) {
        return new MqttSinkConfig("mqtt://127.0.0.1", null, "5", topic, 1, false, MqttSinkConfig.PayloadEncoding.JSON,
                new dev.ferry.api.config.DataSize(0), null, null, statusTopic, 1000, java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(10), null, null, null, false, null);
    }
}
