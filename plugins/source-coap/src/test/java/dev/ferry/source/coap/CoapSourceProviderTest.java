package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.config.DataSize;
import dev.ferry.runtime.config.ConfigDocs;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.TestPluginContext;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoapSourceProviderTest {

    private final CoapSourceProvider provider = new CoapSourceProvider();

    @TempDir
    Path dir;

    @Test
    void isFoundByServiceLoaderAsTypeCoap() throws Exception {
        assertThat(PluginRegistry.load(getClass().getClassLoader()).source("coap")).isInstanceOf(CoapSourceProvider.class);
    }

    @Test
    void theExampleConfigLoadsWithEveryKeyBound() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(Path.of("example.yaml"), Map.of("METER_0042_KEY", "hex:0011223344"),
                PluginRegistry.load(getClass().getClassLoader()));
        CoapSourceConfig config = (CoapSourceConfig) loaded.sources().getFirst().config();
        assertThat(provider.validate(config)).isEmpty();
        assertThat(config.resources()).containsExactly("readings", "plant/climate");
        assertThat(config.tls().ca()).isEqualTo("certs/device-ca.pem");
        assertThat(config.pskDevices()).singleElement().satisfies(psk -> {
            assertThat(psk.secret()).containsExactly(0x00, 0x11, 0x22, 0x33, 0x44);
            assertThat(psk.toString()).doesNotContain("0011223344");
        });
        assertThat(config.insecure()).isEqualTo(new InsecureConfig(5683, "lab"));
        assertThat(config.defaultFormat()).isEqualTo(PayloadFormat.SENML_JSON);
        assertThat(config.rateLimit()).isEqualTo(new RateLimitConfig(10, 20, 1024));
    }

    @Test
    void defaultsAreDtlsWithClientCertificatesNeededAndTheTenantInAUriName() throws Exception {
        CoapSourceConfig config = load("""
                type: coap
                psk_devices:
                  - {identity: d, key: k, tenant: acme}
                """);
        assertThat(config.listen()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(5684);
        assertThat(config.resources()).containsExactly("readings");
        assertThat(config.clientAuth()).isEqualTo(ClientAuth.NEEDED);
        assertThat(config.tenantFrom()).isEqualTo(new TenantFromConfig(SanType.URI, TenantFromConfig.DEFAULT_PATTERN));
        assertThat(config.insecure()).isNull();
        assertThat(config.defaultFormat()).isNull();
        assertThat(config.maxBodySize()).isEqualTo(DataSize.ofBytes(8192));
        assertThat(config.maxSessions()).isEqualTo(256);
        assertThat(config.maxInFlight()).isEqualTo(64);
        assertThat(config.rateLimit()).isEqualTo(new RateLimitConfig(10, 20, 1024));
    }

    @Test
    void aSectionThatCannotWorkIsRefusedWithEveryProblemAtItsKey() {
        assertProblems("type: coap\n", "tls: nothing to listen for: set `tls` (devices with certificates), `psk_devices`"
                + " (devices with pre-shared keys) or `insecure` (plain CoAP)");
        assertProblems("""
                type: coap
                tls: {cert: gw.pem, key: gw.key, cipher_suites: [ECDHE-ECDSA-AES128-CCM8]}
                resources: [readings, "/readings/", "a b"]
                tenant_from: {pattern: "^urn:tenant:(.+)$"}
                psk_devices:
                  - {identity: d, key: k, tenant: acme}
                  - {identity: d, key: k2, tenant: acme}
                insecure: {port: 5684, tenant: lab}
                """, """
                tls.ca: name the CA that device certificates must chain to; without it a certificate from any public CA would be let in
                tls.cipher_suites: cannot be chosen for the DTLS server yet; leave it out
                resources.1: "readings" is listed twice
                resources.2: "a b" is not a resource path; write path segments separated by /, e.g. readings or plant/climate
                tenant_from.pattern: needs a named group `tenant`, e.g. ^urn:tenant:(?<tenant>[a-z0-9-]+)$
                psk_devices.1.identity: "d" is listed twice
                insecure.port: must differ from `port` (5684), where the DTLS endpoint listens""");
        assertProblems("""
                type: coap
                tenant_from: {san: dns}
                tls: {ca: ca.pem, key: gw.key, cert: gw.pem, server_name: gw}
                """, """
                tls.server_name: applies to a client, not to the gateway's DTLS server; leave it out
                tenant_from.pattern: the default pattern reads URI names; for DNS names write one, e.g. ^(?<tenant>[a-z0-9-]+)\\.devices\\.example\\.com$""");
    }

    @Test
    void configuredTagsMayNotRelabelTheTenantTheDeviceOrTheOrigin() {
        assertProblems("""
                type: coap
                tls: {ca: ca.pem, cert: gw.pem, key: gw.key}
                tags: {site: plant-3, tenant: acme, device: any, origin_id: one}
                """, """
                tags.tenant: a coap source sets `tenant` on each reading itself; a configured one would override it for every reading
                tags.device: a coap source sets `device` on each reading itself; a configured one would override it for every reading
                tags.origin_id: a coap source sets `origin_id` on each reading itself; a configured one would override it for every reading""");
    }

    @Test
    void tenantsAndKeysAreCheckedWhereTheyAreWritten() {
        assertThatThrownBy(() -> load("""
                type: coap
                psk_devices:
                  - {identity: d, key: "", tenant: acme}
                  - {identity: e, key: k, tenant: "acme/../globex"}
                insecure: {tenant: "+"}
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                .contains("psk_devices.0: `key` must not be empty")
                .contains("psk_devices.1: `tenant` is \"acme/../globex\"; a tenant is 1 to 64 letters, digits, `.`, `_` or"
                        + " `-`, starting with a letter or digit")
                .contains("insecure: `tenant` is \"+\""));
    }

    @Test
    void createRefusesAnInvalidSectionAndNamesTheTlsFileThatCannotBeUsed() throws Exception {
        CoapSourceConfig nothing = load("type: coap\ninsecure: {tenant: lab}\n");
        CoapSourceConfig invalid = new CoapSourceConfig("0.0.0.0", 5684, List.of(), null, ClientAuth.NEEDED,
                nothing.tenantFrom(), List.of(), null, null, DataSize.ofBytes(8192), 256, 64, nothing.rateLimit());
        assertThatThrownBy(() -> provider.create(invalid, new TestPluginContext("gw", dir)))
                .hasMessageStartingWith("sources.gw.tls: nothing to listen for");

        CoapSourceConfig missingFiles = new CoapSourceConfig("0.0.0.0", 5684, List.of(),
                TlsConfig.trusting("ca.pem").withIdentity("gw.pem", "gw.key", null), ClientAuth.NEEDED,
                nothing.tenantFrom(), List.of(), null, null, DataSize.ofBytes(8192), 256, 64, nothing.rateLimit());
        assertThatThrownBy(() -> provider.create(missingFiles, new TestPluginContext("gw", dir)))
                .isInstanceOf(TlsConfigException.class).hasMessageStartingWith("tls.");
    }

    @Test
    void aPortInUseFailsStartWithTheAddressSoTheRuntimeRetries() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ConfiguredSource configured = IngressConfigs.load("""
                    type: coap
                    listen: 127.0.0.1
                    insecure: {port: %d, tenant: lab}
                    """.formatted(taken.getLocalPort()), dir);
            CoapIngress source = (CoapIngress) configured.create(new TestPluginContext("devices", dir));
            assertThatThrownBy(() -> source.start(new RecordingEmitter())).isInstanceOf(IOException.class)
                    .hasMessage("port %d is already in use by another program (coap://127.0.0.1:%d)",
                            taken.getLocalPort(), taken.getLocalPort());
            assertThat(source.plainAddress()).isEmpty();
            source.close();
        }
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`type: coap`");
        Matcher key = Pattern.compile("^\\| `([^`]+)`", Pattern.MULTILINE).matcher(ConfigDocs.markdownTable(CoapSourceConfig.class));
        int keys = 0;
        while (key.find()) {
            String leaf = key.group(1).substring(key.group(1).lastIndexOf('.') + 1);
            assertThat(readme).as("README documents %s", key.group(1)).contains("`" + leaf + "`");
            keys++;
        }
        assertThat(keys).isGreaterThan(20);
    }

    private CoapSourceConfig load(String section) throws Exception {
        return (CoapSourceConfig) IngressConfigs.load(section, dir).config();
    }

    private void assertProblems(String section, String expected) {
        assertThatThrownBy(() -> load(section)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors().stream().map(error -> error.keyPath() + ": " + error.message()).toList())
                        .containsExactlyInAnyOrderElementsOf(expected.lines().map(line -> "sources.devices." + line).toList()));
    }
}
