package dev.ferry.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mqtt.DisconnectInfo.Cause;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A real Mosquitto that freezes, dies, refuses credentials, or speaks TLS. */
class MosquittoFailureTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void theKeepAliveDeclaresAFrozenBrokerDead(MqttVersion version) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
                MqttConnection client = MqttConnection.connect(options(broker, version).keepAlive(Duration.ofSeconds(1)).build())) {
            client.publish(MqttPublish.of("t", bytes("before"), 1)).get(5, SECONDS);

            broker.pause(); // SIGSTOP: the socket stays open, nothing answers
            try {
                DisconnectInfo end = client.closed().get(15, SECONDS);

                assertThat(end.cause()).isEqualTo(Cause.KEEP_ALIVE_TIMEOUT);
                assertThat(end.reason()).contains("nothing came from the broker");
            } finally {
                broker.resume();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aKilledBrokerEndsTheConnectionAndFailsUnacknowledgedPublishes(MqttVersion version) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
                MqttConnection client = MqttConnection.connect(options(broker, version).keepAlive(Duration.ofSeconds(60)).build())) {
            broker.pause(); // so the publishes below stay unacknowledged
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pending.add(client.publish(MqttPublish.of("t", bytes("m" + i), 1)));
            }

            broker.kill();

            DisconnectInfo end = client.closed().get(10, SECONDS);
            assertThat(end.cause()).isEqualTo(Cause.CONNECTION_LOST);
            assertThat(pending).allSatisfy(f -> assertThatThrownBy(f::get).hasCauseInstanceOf(MqttConnectionLostException.class));
            assertThatThrownBy(() -> MqttConnection.connect(options(broker, version).build()))
                    .hasMessageContaining("cannot reach MQTT broker 127.0.0.1:" + broker.port());
            broker.restart();
            try (MqttConnection again = MqttConnection.connect(options(broker, version).build())) {
                again.publish(MqttPublish.of("t", bytes("after restart"), 1)).get(5, SECONDS);
            }
        }
    }

    @Test
    void aRestartedBrokerKeepsItsPortAndTheRecorderSubscribesAgain() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).persistence(true).start();
                MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/#").clientId("recorder").persistentSession().start()) {
            int port = broker.port();
            try (MqttConnection client = MqttConnection.connect(options(broker, MqttVersion.V5).build())) {
                client.publish(MqttPublish.of("ferry/a", bytes("before"), 1)).get(5, SECONDS);
            }
            recorder.awaitCount(1, Duration.ofSeconds(10));

            broker.stop();
            broker.restart();
            recorder.awaitSubscribed(2, Duration.ofSeconds(20));

            assertThat(broker.port()).isEqualTo(port);
            try (MqttConnection client = MqttConnection.connect(options(broker, MqttVersion.V5).build())) {
                client.publish(MqttPublish.of("ferry/a", bytes("after"), 1)).get(5, SECONDS);
            }
            // QoS 1 is at least once: if the recorder's PUBACK for "before" had not reached the broker when it stopped,
            // the restarted broker delivers "before" again. Order and content are what must hold.
            recorder.await(messages -> messages.stream().anyMatch(m -> m.payloadText().equals("after")), Duration.ofSeconds(10),
                    "the message published after the restart");
            assertThat(recorder.messages().stream().map(RecordedMessage::payloadText).distinct().toList())
                    .containsExactly("before", "after");
            assertThat(recorder.messages().getLast().payloadText()).isEqualTo("after");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void badCredentialsAreRefusedByName(MqttVersion version) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).allowAnonymous(false).user("ferry", "right").start()) {
            MqttConnectOptions wrong = options(broker, version).credentials("ferry", bytes("wrong")).build();

            assertThatThrownBy(() -> MqttConnection.connect(wrong))
                    .isInstanceOfSatisfying(MqttConnectRefusedException.class,
                            e -> assertThat(e.codeName()).isIn("bad user name or password", "not authorized"))
                    .hasMessageContaining("refused the connection");
            try (MqttConnection right = MqttConnection.connect(options(broker, version).credentials("ferry", bytes("right")).build())) {
                right.publish(MqttPublish.of("t", bytes("x"), 1)).get(5, SECONDS);
            }
        }
    }

    @Test
    void aPublishTheAclDeniesFailsWithNotAuthorizedAndTheConnectionStays() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).allowAnonymous(false).user("agent-1", "pw")
                .acl("user agent-1\ntopic write ferry/agent-1/#\n").start();
                MqttConnection client = MqttConnection.connect(options(broker, MqttVersion.V5)
                        .credentials("agent-1", bytes("pw")).build())) {
            CompletableFuture<Void> denied = client.publish(MqttPublish.of("ferry/agent-2/readings", bytes("x"), 1));
            CompletableFuture<Void> allowed = client.publish(MqttPublish.of("ferry/agent-1/readings", bytes("x"), 1));

            assertThatThrownBy(() -> denied.get(5, SECONDS)).cause().isInstanceOfSatisfying(MqttPublishRejectedException.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(0x87));
            allowed.get(5, SECONDS);
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void mutualTlsConnectsAndAnUntrustedBrokerFailsTheHandshake() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Issued server = pki.server("localhost");
        Issued agent = pki.client("agent-1").issue();
        MosquittoConfig.Tls tls = new MosquittoConfig.Tls(pki.caFile(), server.certFile(), server.keyFile(), true, "tlsv1.2", false);
        try (MosquittoBroker broker = MosquittoBroker.builder(dir.resolve("broker")).tls(tls).start();
                MqttRecorder recorder = MqttRecorder.on(broker).topics("secure/#").start()) {
            SSLParameters verifyHost = new SSLParameters();
            verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
            SSLContext trusted = sslContext(pki.caCertificate(), agent);
            MqttConnectOptions good = MqttConnectOptions.builder(broker.host(), broker.tlsPort()).clientId("agent-1")
                    .tls(trusted.getSocketFactory(), verifyHost).build();

            try (MqttConnection client = MqttConnection.connect(good)) {
                client.publish(MqttPublish.of("secure/readings", bytes("over TLS"), 1)).get(5, SECONDS);
            }
            assertThat(recorder.awaitCount(1, Duration.ofSeconds(10)).getFirst().payloadText()).isEqualTo("over TLS");

            X509Certificate strangerCa = TestPki.create(Files.createDirectories(dir.resolve("other")), "Stranger CA", KeyType.EC)
                    .caCertificate();
            MqttConnectOptions untrusting = good.toBuilder().tls(sslContext(strangerCa, agent).getSocketFactory(), verifyHost).build();
            assertThatThrownBy(() -> MqttConnection.connect(untrusting))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("TLS handshake with MQTT broker 127.0.0.1:" + broker.tlsPort() + " failed")
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    private static SSLContext sslContext(X509Certificate trustedCa, Issued clientIdentity) throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trustedCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", clientIdentity.privateKey(), password, clientIdentity.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static MqttConnectOptions.Builder options(MosquittoBroker broker, MqttVersion version) {
        return MqttConnectOptions.builder(broker.host(), broker.port()).version(version).clientId("ferry-" + version)
                .connectTimeout(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
