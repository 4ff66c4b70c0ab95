package dev.ferry.source.opcua;

import static dev.ferry.source.opcua.Configs.secured;
import static dev.ferry.source.opcua.Configs.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.source.opcua.testserver.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(TestServer.freePort(), TestServer.Identity.generate(), Map.of(), List.of());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void signAndEncryptNeedsTrustBothWaysAndSaysHowToGiveIt() throws Exception {
        OpcUaConfig config = secured(server.endpoint(), SecurityMode.SIGN_AND_ENCRYPT,
                List.of(subscribed("ns=2;s=Boiler.Temperature", "temperature")));
        try (Harness harness = new Harness(dataDir)) {
            harness.start(config);
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.health().state() == HealthState.DEGRADED);
            assertThat(harness.health().reason()).contains("the server refused the secure connection")
                    .contains(harness.pki().resolve("own").resolve("ferry.der").toString());

            server.trustClient(ferryCertificate(harness));
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.health().reason().contains("is not trusted"));
            Path rejected = single(harness.pki().resolve("rejected"));
            Path trusted = harness.pki().resolve("trusted");
            assertThat(harness.health().state()).isEqualTo(HealthState.DEGRADED);
            assertThat(harness.health().reason())
                    .contains("the server certificate \"O=Ferry tests,CN=Ferry test server\" is not trusted")
                    .contains("saved as " + rejected)
                    .contains("move that file to " + trusted);
            assertThat(harness.readings).isEmpty();

            Files.move(rejected, trusted.resolve(rejected.getFileName()));
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.health().state() == HealthState.UP
                    && !harness.readings("temperature").isEmpty());
        }
    }

    @Test
    void signWorksWithTheServerCertificateListedInTrustedCerts() throws Exception {
        Path pem = dataDir.resolve("server.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(server.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        OpcUaConfig base = secured(server.endpoint(), SecurityMode.SIGN,
                List.of(subscribed("ns=2;s=Boiler.Temperature", "temperature")));
        OpcUaConfig config = Configs.withUser(base, null, null, List.of("server.pem"));
        try (Harness harness = new Harness(dataDir)) {
            new OpcUaSourceProvider().create(config, harness.context()).close(); // makes Ferry's certificate
            server.trustClient(ferryCertificate(harness));
            harness.start(config);
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.health().state() == HealthState.UP
                    && !harness.readings("temperature").isEmpty());
        }
    }

    @Test
    void theApplicationCertificateIsKeptAcrossRestartsAndNamesTheApplicationUri() throws Exception {
        OpcUaConfig config = secured(server.endpoint(), SecurityMode.SIGN,
                List.of(subscribed("ns=2;s=Boiler.Temperature", "temperature")));
        try (Harness harness = new Harness(dataDir)) {
            new OpcUaSourceProvider().create(config, harness.context()).close();
            X509Certificate first = ferryCertificate(harness);
            new OpcUaSourceProvider().create(config, harness.context()).close();
            assertThat(ferryCertificate(harness)).isEqualTo(first);
            assertThat(first.getSubjectAlternativeNames())
                    .contains(List.of(6, "urn:ferry:gw-test:plant"));
            assertThat(Files.exists(harness.pki().resolve("own").resolve("ferry.key"))).isTrue();
        }
    }

    static X509Certificate ferryCertificate(Harness harness) throws Exception {
        byte[] der = Files.readAllBytes(harness.pki().resolve("own").resolve("ferry.der"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    private static Path single(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.getFirst();
        }
    }
}
