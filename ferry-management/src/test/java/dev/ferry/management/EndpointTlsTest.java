package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint over HTTPS with its own certificate, and the rule that serving the network needs TLS and tokens. */
class EndpointTlsTest {

    private static final String TOKEN = "tls-reader-token-0123456789abcdef0123456789";

    @TempDir
    Path dir;

    @Test
    void servesHttpsWithItsOwnCertificate() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Issued server = pki.server("localhost");
        String management = ", tls: {cert: \"" + server.certFile() + "\", key: \"" + server.keyFile() + "\"}"
                + ", auth: {tokens: [{token: \"" + TOKEN + "\", scopes: [\"agent:read\"]}]}";
        try (RunningAgent running = new RunningAgent(dir, RunningAgent.SIMULATED_TO_FILE, management)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(pki.caFile())).build();
            URI status = URI.create("https://localhost:" + running.server.address().getPort() + "/status");
            HttpResponse<String> answer = https.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"id\":\"gw-test\"");
            assertThatThrownBy(() -> running.get("/health")).as("plain HTTP is not served").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void servingTheNetworkNeedsTlsAndTokens() throws Exception {
        PluginRegistry none = PluginRegistry.of(List.of(), List.of());
        assertThatThrownBy(() -> ConfigLoader.load("agent: {id: gw, data_dir: ./data}\nmanagement: {listen: \"0.0.0.0:9713\"}\n",
                "ferry.yaml", ConfigFormat.YAML, dir, Map.of(), none))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ferry.yaml:2: management.listen: listening on 0.0.0.0:9713 serves the network, which needs"
                        + " management.tls (a certificate and key) and management.auth (tokens)");
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
