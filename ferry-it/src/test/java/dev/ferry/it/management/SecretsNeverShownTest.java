package dev.ferry.it.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent holding every kind of secret its config takes, each put to use: the MQTT password and the password of
 * the TLS key against a Mosquitto that wants both, management tokens from the environment and from the file, PSK
 * keys of CoAP devices (one device sending with its key) and of the CoAP sink, a broker password in a URL, and the
 * update server's token, read by a download. None of their values shows in {@code /status}, {@code /metrics},
 * {@code /ready}, {@code /history}, a refusal, the diagnostics bundle (checked byte for byte, the recording too) or
 * the agent's log; the bundle's config names each as redacted.
 */
class SecretsNeverShownTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** From the environment, by variable name. */
    private static final Map<String, String> ENV = Map.of(
            "FERRY_MQTT_PASSWORD", "mqtt-password-7d1f0a9c3e",
            "FERRY_KEY_PASSWORD", "key-password-5b2e8c41d7",
            "FERRY_ADMIN_TOKEN", "env-token-0c6a1f3b9d2e4a57b8c9d0e1f2a3b4c5",
            "FERRY_DEVICE_PSK", "psk-from-env-3f9a1c7e",
            "FERRY_SINK_PSK", "sink-psk-from-env-1a2b3c4d");
    /** Written into the config file itself. */
    private static final String FILE_TOKEN = "file-token-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
    private static final String FILE_PSK = "psk-in-the-file-8b2d4e6f";
    private static final String URL_PASSWORD = "url-password-6e5d4c3b";
    /** In the update section's token file. */
    private static final String UPDATE_TOKEN = "update-token-4c3b2a1f0e9d8c7b";

    @TempDir
    Path work;

    @Test
    void noSecretShowsInStatusMetricsDiagnosticsOrTheLog() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(work.resolve("pki")));
        Issued server = pki.server("localhost");
        Issued client = pki.client("gw-secrets").issue();
        int managementPort = FreePorts.tcp();
        int ingressPort = FreePorts.udp();
        String adminToken = ENV.get("FERRY_ADMIN_TOKEN");
        Map<String, String> answers = new LinkedHashMap<>();

        try (MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker")).allowAnonymous(false)
                .user("gateway", ENV.get("FERRY_MQTT_PASSWORD"))
                .tls(MosquittoConfig.Tls.mutual(pki.caFile(), server.certFile(), server.keyFile())).start()) {
            Path config = writeConfig(pki, client, broker.tlsPort(), managementPort, ingressPort);
            try (AgentProcess agent = AgentProcess.start(work, "agent", ENV, "run", "-c", config.toString())) {
                await().atMost(LIMIT).until(() -> agent.stderrText().contains("sink cloud: connected to mqtts://")
                        || !agent.isAlive());
                assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();

                assertThat(coapClient(ingressPort, "meter-7", ENV.get("FERRY_DEVICE_PSK"))).contains("c:2.04");
                assertThat(post(managementPort, "/update?bundle=https://127.0.0.1:" + FreePorts.tcp() + "/ferry-9.9.9.bundle",
                        adminToken).statusCode()).isEqualTo(202);
                await().atMost(LIMIT).until(() -> get(managementPort, "/status", adminToken).body()
                        .contains("\"phase\":\"failed\""));

                for (String path : List.of("/status", "/metrics", "/ready", "/history")) {
                    HttpResponse<String> answer = get(managementPort, path, adminToken);
                    assertThat(answer.statusCode()).as(path).isIn(200, 503);
                    answers.put(path, answer.body());
                }
                answers.put("/status with the token from the file", get(managementPort, "/status", FILE_TOKEN).body());
                HttpResponse<String> refused = get(managementPort, "/metrics", adminToken + "-but-longer");
                assertThat(refused.statusCode()).isEqualTo(401);
                answers.put("a refused token", refused.body());
                HttpResponse<byte[]> bundle = HTTP.send(request(managementPort, "/diagnostics?duration=1s", adminToken)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(bundle.statusCode()).isEqualTo(200);
                answers.putAll(unzip(bundle.body()));

                assertThat(agent.terminate(LIMIT)).isZero();
                answers.put("the agent's log", agent.stderrText() + agent.stdoutText());
            }
        }

        answers.forEach((where, text) -> assertThat(text).as(where)
                .doesNotContain(ENV.values()).doesNotContain(FILE_TOKEN, FILE_PSK, URL_PASSWORD, UPDATE_TOKEN));
        assertThat(answers.get("/status")).contains("\"cloud\"", "\"devices\"", "\"relay\"", "\"spare\"");
        assertThat(answers.get("the agent's log")).contains("update");
        assertThat(answers.get("config.redacted.yaml")).contains(
                "password: \"<redacted> (from ${FERRY_MQTT_PASSWORD})\"",
                "password: \"<redacted> (from ${FERRY_KEY_PASSWORD})\"",
                "token: \"<redacted> (from ${FERRY_ADMIN_TOKEN})\"",
                "token: \"<redacted>\"",
                "key: \"<redacted> (from ${FERRY_DEVICE_PSK})\"",
                "key: \"<redacted>\"",
                "key: \"<redacted> (from ${FERRY_SINK_PSK})\"",
                "url: \"mqtt://<redacted>@127.0.0.1:");
    }

    private Path writeConfig(TestPki pki, Issued client, int brokerPort, int managementPort, int ingressPort) throws IOException {
        Files.writeString(work.resolve("operator.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n");
        Files.writeString(work.resolve("update-token"), UPDATE_TOKEN + "\n");
        Path key = client.encryptedKeyFile(ENV.get("FERRY_KEY_PASSWORD"));
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: gw-secrets, data_dir: ./data}
                management:
                  listen: "127.0.0.1:%d"
                  auth:
                    tokens:
                      - {token: "${FERRY_ADMIN_TOKEN}", scopes: [agent:read, agent:diagnose, agent:update]}
                      - {token: "%s", scopes: [agent:read]}
                update:
                  trusted_keys: [./operator.pub]
                  token_file: ./update-token
                sources:
                  boiler: {type: simulated, interval: 50ms}
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    port: %d
                    psk_devices:
                      - {identity: meter-7, key: "${FERRY_DEVICE_PSK}", tenant: globex}
                      - {identity: meter-8, key: "%s", tenant: globex}
                sinks:
                  cloud:
                    type: mqtt
                    url: "mqtts://localhost:%d"
                    username: gateway
                    password: "${FERRY_MQTT_PASSWORD}"
                    retry_max: 1s
                    tls:
                      ca: "%s"
                      cert: "%s"
                      key: "%s"
                      password: "${FERRY_KEY_PASSWORD}"
                  relay:
                    type: coap
                    url: "coaps://127.0.0.1:%d/ferry/in"
                    psk: {identity: gw-secrets, key: "${FERRY_SINK_PSK}"}
                  spare:
                    type: mqtt
                    url: "mqtt://spare:%s@127.0.0.1:%d"
                    retry_max: 1s
                """.formatted(managementPort, FILE_TOKEN, ingressPort, FILE_PSK, brokerPort, pki.caFile(), client.certFile(), key,
                FreePorts.udp(), URL_PASSWORD, FreePorts.tcp()));
    }

    /** libcoap's client as a PSK device; what it printed, where {@code c:2.04} is the code of the answer. */
    private static String coapClient(int port, String identity, String key) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("coap-client-openssl", "-v", "6", "-m", "post", "-t", "110", "-B", "20",
                "-u", identity, "-k", key, "-e", "[{\"n\":\"level\",\"v\":3}]", "coaps://127.0.0.1:" + port + "/readings")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return output;
    }

    private static HttpRequest.Builder request(int port, String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(LIMIT)
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(request(port, path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(request(port, path, token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Each file of the bundle by its name, its bytes as Latin-1 so that any byte sequence compares as written. */
    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                files.put(name, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(files).containsKeys("status.json", "metrics.txt", "config.redacted.yaml", "recent-log.txt", "recording.jfr");
        return files;
    }
}
