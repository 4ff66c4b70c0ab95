package dev.ferry.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.mqtt.DisconnectInfo.Cause;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.net.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a real Mosquitto, checked with {@code mosquitto_sub} and {@code mosquitto_pub}. */
class MosquittoMessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private MosquittoBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = MosquittoBroker.builder(dir).maxInflightMessages(500).start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private MqttConnectOptions.Builder options(MqttVersion version, String clientId) {
        return MqttConnectOptions.builder(broker.host(), broker.port()).version(version).clientId(clientId);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void manyQos1PublishesInFlightAndQos0OnesAllArrive(MqttVersion version) throws Exception {
        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("readings/#").start();
                MqttConnection client = MqttConnection.connect(options(version, "publisher").maxInFlight(500).build())) {
            assertThat(client.inFlightWindow()).isEqualTo(500);
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                acks.add(client.publish(MqttPublish.of("readings/q1", bytes("{\"seq\":" + i + "}"), 1)));
            }
            for (int i = 0; i < 50; i++) {
                acks.add(client.publish(MqttPublish.of("readings/q0", bytes("q0-" + i), 0)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, SECONDS);

            List<RecordedMessage> got = recorder.awaitCount(3050, WAIT);

            assertThat(got.stream().filter(m -> m.topic().equals("readings/q1")).map(RecordedMessage::payloadText).distinct())
                    .hasSize(3000).contains("{\"seq\":0}", "{\"seq\":2999}");
            assertThat(got.stream().filter(m -> m.topic().equals("readings/q0"))).hasSize(50);
        }
    }

    @Test
    void publishersOnManyThreadsShareOneConnection() throws Exception {
        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("readings/#").start();
                MqttConnection client = MqttConnection.connect(options(MqttVersion.V5, "shared").maxInFlight(100).build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<CompletableFuture<Void>>>> perThread = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String thread = "t" + t;
                perThread.add(threads.submit(() -> {
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        acks.add(client.publish(MqttPublish.of("readings/" + thread, bytes(thread + "-" + i), 1)));
                    }
                    return acks;
                }));
            }
            for (Future<List<CompletableFuture<Void>>> acks : perThread) {
                CompletableFuture.allOf(acks.get(20, SECONDS).toArray(CompletableFuture[]::new)).get(20, SECONDS);
            }

            assertThat(recorder.awaitCount(4000, WAIT).stream().map(RecordedMessage::payloadText).distinct()).hasSize(4000);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void subscriptionsReceiveMessagesFromAnotherClient(MqttVersion version) throws Exception {
        try (MqttConnection client = MqttConnection.connect(options(version, "subscriber").build())) {
            List<MqttPublish> got = new CopyOnWriteArrayList<>();
            assertThat(client.subscribe(List.of(new Subscription("ferry/+/config", 1)), got::add).get(5, SECONDS))
                    .containsExactly(1);

            mosquittoPub("-V", "mqttv5", "-t", "ferry/agent-1/config", "-q", "1", "-m", "{\"rate\":5}",
                    "-D", "publish", "user-property", "issuer", "ops", "-D", "publish", "content-type", "application/json");
            mosquittoPub("-t", "ferry/agent-1/other", "-q", "1", "-m", "not for us");
            mosquittoPub("-t", "ferry/agent-2/config", "-q", "0", "-m", "second");

            await().atMost(WAIT).until(() -> got.size() == 2);
            MqttPublish first = got.getFirst();
            assertThat(first.topic()).isEqualTo("ferry/agent-1/config");
            assertThat(first.payloadText()).isEqualTo("{\"rate\":5}");
            assertThat(first.qos()).isEqualTo(1);
            if (version == MqttVersion.V5) {
                assertThat(first.userProperties()).containsEntry("issuer", "ops");
                assertThat(first.contentType()).isEqualTo("application/json");
            }
            assertThat(got.get(1).payloadText()).isEqualTo("second");
            assertThat(client.unsubscribe(List.of("ferry/+/config")).get(5, SECONDS)).containsExactly(0);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void messagesQueuedForAKeptSessionAreHandledThoughTheyArriveBeforeSubscribe(MqttVersion version) throws Exception {
        List<Subscription> desired = List.of(new Subscription("ferry/agent-1/config/desired", 1));
        MqttConnectOptions kept = options(version, "agent-1").cleanStart(false).sessionExpiry(Duration.ofHours(1)).build();
        try (MqttConnection first = MqttConnection.connect(kept, desired, message -> { })) {
            assertThat(first.initialSubscription().get(5, SECONDS)).containsExactly(1);
        }
        // while the agent is away, the platform sends two documents; the broker queues them for the session
        mosquittoPub("-t", "ferry/agent-1/config/desired", "-q", "1", "-m", "version 1");
        mosquittoPub("-t", "ferry/agent-1/config/desired", "-q", "1", "-m", "version 2");

        List<String> got = new CopyOnWriteArrayList<>();
        try (MqttConnection again = MqttConnection.connect(kept, desired, message -> got.add(message.payloadText()))) {
            await().atMost(WAIT).until(() -> got.size() == 2);
            assertThat(got).containsExactly("version 1", "version 2");
            assertThat(again.initialSubscription().get(5, SECONDS)).containsExactly(1);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void theWillIsPublishedWhenTheConnectionDiesWithoutDisconnect(MqttVersion version) throws Exception {
        MqttPublish lastWords = MqttPublish.of("ferry/agent-1/status", bytes("offline"), 1);
        if (version == MqttVersion.V5) {
            lastWords = lastWords.withContentType("text/plain").withUserProperties(Map.of("agent", "agent-1"));
        }
        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/+/status").start();
                FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                MqttConnection client = MqttConnection.connect(MqttConnectOptions.builder(proxy.host(), proxy.port())
                        .version(version).clientId("agent-1").will(MqttWill.of(lastWords)).build())) {
            client.publish(MqttPublish.of("ferry/agent-1/readings", bytes("1"), 1)).get(5, SECONDS);

            proxy.resetConnections();

            RecordedMessage will = recorder.awaitCount(1, WAIT).getFirst();
            assertThat(will.topic()).isEqualTo("ferry/agent-1/status");
            assertThat(will.payloadText()).isEqualTo("offline");
            if (version == MqttVersion.V5) {
                assertThat(will.userProperties()).containsEntry("agent", "agent-1");
                assertThat(will.contentType()).isEqualTo("text/plain");
            }
            assertThat(client.closed().get(10, SECONDS).cause()).isEqualTo(Cause.CONNECTION_LOST);
        }
    }

    @Test
    void anMqtt5DisconnectWithWillHasTheBrokerPublishTheWill() throws Exception {
        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/+/status").start()) {
            MqttConnection client = MqttConnection.connect(options(MqttVersion.V5, "agent-2")
                    .will(MqttWill.of(MqttPublish.of("ferry/agent-2/status", bytes("going down"), 1))).build());

            client.disconnect(MqttReasonCodes.DISCONNECT_WITH_WILL, "shutting down for update");

            assertThat(client.closed().get(10, SECONDS).cause()).isEqualTo(Cause.CLIENT);
            assertThat(recorder.awaitCount(1, WAIT).getFirst().payloadText()).isEqualTo("going down");
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aRetainedMessageReachesLaterSubscribers(MqttVersion version) throws Exception {
        try (MqttConnection client = MqttConnection.connect(options(version, "retainer").build())) {
            client.publish(MqttPublish.of("ferry/agent-1/birth", bytes("online"), 1).withRetain(true)).get(5, SECONDS);
        }

        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/#").start()) {
            RecordedMessage retained = recorder.awaitCount(1, WAIT).getFirst();

            assertThat(retained.retained()).isTrue();
            assertThat(retained.payloadText()).isEqualTo("online");
        }
    }

    @Test
    void mqtt5PropertiesArriveAtAnIndependentSubscriber() throws Exception {
        MqttPublish message = MqttPublish.of("ferry/agent-1/readings", bytes("{\"t\":21.5}"), 1)
                .withUserProperties(Map.of("agent", "agent-1", "epoch", "3"))
                .withContentType("application/json").withUtf8Payload(true).withMessageExpiry(Duration.ofHours(1));
        try (MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/#").start();
                MqttConnection client = MqttConnection.connect(options(MqttVersion.V5, "props").build())) {
            List<MqttPublish> ownCopy = new CopyOnWriteArrayList<>();
            client.subscribe(List.of(new Subscription("ferry/#", 1)), ownCopy::add).get(5, SECONDS);

            client.publish(message).get(5, SECONDS);

            RecordedMessage got = recorder.awaitCount(1, WAIT).getFirst();
            assertThat(got.userProperties()).isEqualTo(Map.of("agent", "agent-1", "epoch", "3"));
            assertThat(got.contentType()).isEqualTo("application/json");
            assertThat(got.payloadFormat()).isEqualTo(1);
            assertThat(got.messageExpirySeconds()).isBetween(1L, 3600L);
            await().atMost(WAIT).until(() -> !ownCopy.isEmpty());
            assertThat(ownCopy.getFirst().userProperties()).isEqualTo(message.userProperties());
            assertThat(ownCopy.getFirst().messageExpiry()).isPositive();
        }
    }

    private void mosquittoPub(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", broker.host(), "-p", Integer.toString(broker.port())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("mosquitto_pub " + String.join(" ", args) + ": " + output).isZero();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
