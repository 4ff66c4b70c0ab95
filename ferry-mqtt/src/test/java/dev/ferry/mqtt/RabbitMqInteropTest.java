package dev.ferry.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.mqtt.DisconnectInfo.Cause;
import dev.ferry.testkit.mqtt.RabbitMqBroker;
import dev.ferry.testkit.net.FaultProxy;
import dev.ferry.testkit.net.ProxyStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against RabbitMQ's MQTT plugin (RabbitMQ 3.10, which speaks MQTT 3.1.1 only): a broker written
 * independently of Mosquitto, that maps MQTT onto AMQP queues. One node serves the whole class, since it takes
 * seconds to start; each test uses client ids and topics of its own.
 */
class RabbitMqInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static RabbitMqBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = RabbitMqBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static MqttConnectOptions.Builder options(String clientId) {
        return MqttConnectOptions.builder(broker.host(), broker.port()).version(MqttVersion.V3_1_1).clientId(clientId);
    }

    @Test
    void connectsWithMqtt311AndDisconnectsCleanly() throws Exception {
        MqttConnection client = MqttConnection.connect(options("plain").build());

        assertThat(client.version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(client.connack().sessionPresent()).isFalse();
        assertThat(client.isOpen()).isTrue();
        client.close();

        DisconnectInfo end = client.closed().get(10, SECONDS);
        assertThat(end.cause()).isEqualTo(Cause.CLIENT);
        assertThat(end.reasonCode()).isZero();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void tenThousandQos1PublishesInAWindowOf100AndQos0OnesAllCompleteAndArrive() throws Exception {
        Set<String> q1 = ConcurrentHashMap.newKeySet();
        Set<String> q0 = ConcurrentHashMap.newKeySet();
        try (MqttConnection subscriber = MqttConnection.connect(options("load-subscriber").build());
                MqttConnection publisher = MqttConnection.connect(options("load-publisher").maxInFlight(100).build())) {
            subscriber.subscribe(List.of(new Subscription("load/#", 1)),
                    m -> (m.topic().equals("load/q1") ? q1 : q0).add(m.payloadText())).get(5, SECONDS);
            assertThat(publisher.inFlightWindow()).isEqualTo(100);

            List<CompletableFuture<Void>> completions = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                completions.add(publisher.publish(MqttPublish.of("load/q1", bytes("{\"seq\":" + i + "}"), 1)));
                if (i % 100 == 0) {
                    completions.add(publisher.publish(MqttPublish.of("load/q0", bytes("q0-" + i), 0)));
                }
            }
            CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new)).get(60, SECONDS);

            await().atMost(WAIT).until(() -> q1.size() == 10_000 && q0.size() == 100);
            assertThat(q1).contains("{\"seq\":0}", "{\"seq\":9999}");
            assertThat(publisher.isOpen()).isTrue();
        }
    }

    @Test
    void aSubscriberReceivesWhatItPublishesItselfWithTopicPayloadAndQos() throws Exception {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        try (MqttConnection client = MqttConnection.connect(options("self").build())) {
            List<MqttPublish> got = new CopyOnWriteArrayList<>();
            List<Integer> granted = client.subscribe(List.of(new Subscription("self/+/config", 1),
                    new Subscription("self/events", 0)), got::add).get(5, SECONDS);
            assertThat(granted).containsExactly(1, 0);

            client.publish(MqttPublish.of("self/agent-1/config", bytes("{\"rate\":5}"), 1)).get(5, SECONDS);
            client.publish(MqttPublish.of("self/agent-2/config", everyByte, 1)).get(5, SECONDS);
            client.publish(MqttPublish.of("self/agent-1/other", bytes("not for us"), 1)).get(5, SECONDS);
            client.publish(MqttPublish.of("self/events", bytes("downgraded"), 1)).get(5, SECONDS);

            await().atMost(WAIT).until(() -> got.size() == 3);
            assertThat(got.stream().filter(m -> m.topic().equals("self/agent-1/config")).findFirst()).hasValueSatisfying(m -> {
                assertThat(m.payloadText()).isEqualTo("{\"rate\":5}");
                assertThat(m.qos()).isEqualTo(1);
            });
            assertThat(got.stream().filter(m -> m.topic().equals("self/agent-2/config")).findFirst())
                    .hasValueSatisfying(m -> assertThat(m.payload()).isEqualTo(everyByte));
            // delivered with the smaller of the publish's and the subscription's QoS
            assertThat(got.stream().filter(m -> m.topic().equals("self/events")).findFirst())
                    .hasValueSatisfying(m -> assertThat(m.qos()).isZero());
        }
    }

    @Test
    void afterUnsubscribingNothingMoreArrivesOnThatFilter() throws Exception {
        try (MqttConnection client = MqttConnection.connect(options("unsubscriber").build())) {
            List<String> got = new CopyOnWriteArrayList<>();
            client.subscribe(List.of(new Subscription("unsub/dropped", 1), new Subscription("unsub/kept", 1)),
                    m -> got.add(m.topic() + "=" + m.payloadText())).get(5, SECONDS);
            client.publish(MqttPublish.of("unsub/dropped", bytes("1"), 1)).get(5, SECONDS);
            await().atMost(WAIT).until(() -> got.contains("unsub/dropped=1"));

            assertThat(client.unsubscribe(List.of("unsub/dropped")).get(5, SECONDS)).containsExactly(0);
            client.publish(MqttPublish.of("unsub/dropped", bytes("2"), 1)).get(5, SECONDS);
            // both QoS 1 subscriptions share one queue, so the marker comes after anything still routed to it
            client.publish(MqttPublish.of("unsub/kept", bytes("marker"), 1)).get(5, SECONDS);

            await().atMost(WAIT).until(() -> got.contains("unsub/kept=marker"));
            assertThat(got).containsExactly("unsub/dropped=1", "unsub/kept=marker");
        }
    }

    @Test
    void keepAlivePingsHoldAnIdleConnectionOpen() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(broker.host(), broker.port());
                MqttConnection client = MqttConnection.connect(MqttConnectOptions.builder(proxy.host(), proxy.port())
                        .version(MqttVersion.V3_1_1).clientId("idle").keepAlive(Duration.ofSeconds(1)).build())) {
            ProxyStats before = proxy.stats();

            // RabbitMQ closes a connection silent for 3 keep-alive periods (the specification says 1.5); only PINGREQs
            // break the silence
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(client::isOpen);

            ProxyStats after = proxy.stats();
            assertThat(after.bytesToTarget() - before.bytesToTarget()).as("PINGREQ bytes").isGreaterThanOrEqualTo(4);
            assertThat(after.bytesToClient() - before.bytesToClient()).as("PINGRESP bytes").isGreaterThanOrEqualTo(4);
            client.publish(MqttPublish.of("idle/after", bytes("still here"), 1)).get(5, SECONDS);
        }
    }

    @Test
    void theWillIsPublishedWhenTheConnectionDiesAndNotAfterACleanDisconnect() throws Exception {
        try (MqttConnection watcher = MqttConnection.connect(options("will-watcher").build());
                FaultProxy proxy = FaultProxy.start(broker.host(), broker.port())) {
            List<MqttPublish> wills = new CopyOnWriteArrayList<>();
            watcher.subscribe(List.of(new Subscription("will/+/status", 1)), wills::add).get(5, SECONDS);
            MqttConnection polite = MqttConnection.connect(options("will-polite").will(willOf("will/polite/status")).build());
            MqttConnection dropped = MqttConnection.connect(MqttConnectOptions.builder(proxy.host(), proxy.port())
                    .version(MqttVersion.V3_1_1).clientId("will-dropped").will(willOf("will/dropped/status")).build());
            dropped.publish(MqttPublish.of("will/dropped/readings", bytes("1"), 1)).get(5, SECONDS);

            polite.close();
            assertThat(polite.closed().get(10, SECONDS).cause()).isEqualTo(Cause.CLIENT);
            assertThat(proxy.resetConnections()).isEqualTo(1);

            assertThat(dropped.closed().get(10, SECONDS).cause()).isEqualTo(Cause.CONNECTION_LOST);
            await().atMost(WAIT).until(() -> !wills.isEmpty());
            MqttPublish will = wills.getFirst();
            assertThat(will.topic()).isEqualTo("will/dropped/status");
            assertThat(will.payloadText()).isEqualTo("offline");
            assertThat(will.qos()).isEqualTo(1);
            // the polite client's DISCONNECT went through before the reset, so its will would have come first
            assertThat(wills).extracting(MqttPublish::topic).containsOnly("will/dropped/status");
        }
    }

    @Test
    void aSecondConnectionWithTheSameClientIdTakesOverTheSession() throws Exception {
        MqttConnection first = MqttConnection.connect(options("twin").build());
        try (MqttConnection second = MqttConnection.connect(options("twin").build())) {
            // MQTT 3.1.1 has no DISCONNECT from the broker: the first connection is simply closed
            assertThat(first.closed().get(10, SECONDS).cause()).isEqualTo(Cause.CONNECTION_LOST);
            second.publish(MqttPublish.of("twin/readings", bytes("1"), 1)).get(5, SECONDS);
            assertThat(second.isOpen()).isTrue();
        }
    }

    @Test
    void aPersistentSessionIsReportedPresentUntilACleanSessionEndsIt() throws Exception {
        try (MqttConnection first = MqttConnection.connect(options("persistent").cleanStart(false).build())) {
            assertThat(first.connack().sessionPresent()).isFalse();
            first.subscribe(List.of(new Subscription("persistent/#", 1)), m -> {}).get(5, SECONDS);
        }
        try (MqttConnection resumed = MqttConnection.connect(options("persistent").cleanStart(false).build())) {
            assertThat(resumed.connack().sessionPresent()).isTrue();
        }
        try (MqttConnection clean = MqttConnection.connect(options("persistent").cleanStart(true).build())) {
            assertThat(clean.connack().sessionPresent()).isFalse();
        }
        try (MqttConnection afterClean = MqttConnection.connect(options("persistent").cleanStart(false).build())) {
            assertThat(afterClean.connack().sessionPresent()).isFalse();
        }
    }

    @Test
    void aRetainedMessageReachesALaterSubscriberOfItsExactTopicButNotOfAWildcard() throws Exception {
        try (MqttConnection retainer = MqttConnection.connect(options("retainer").build())) {
            retainer.publish(MqttPublish.of("retained/agent-1/birth", bytes("old"), 1).withRetain(true)).get(5, SECONDS);
            retainer.publish(MqttPublish.of("retained/agent-1/birth", bytes("online"), 1).withRetain(true)).get(5, SECONDS);
        }

        try (MqttConnection exact = MqttConnection.connect(options("retained-exact").build());
                MqttConnection wildcard = MqttConnection.connect(options("retained-wildcard").build())) {
            List<MqttPublish> exactGot = new CopyOnWriteArrayList<>();
            List<String> wildcardGot = new CopyOnWriteArrayList<>();
            exact.subscribe(List.of(new Subscription("retained/agent-1/birth", 1)), exactGot::add).get(5, SECONDS);
            wildcard.subscribe(List.of(new Subscription("retained/+/birth", 1)), m -> wildcardGot.add(m.payloadText()))
                    .get(5, SECONDS);

            await().atMost(WAIT).until(() -> !exactGot.isEmpty());
            assertThat(exactGot.getFirst().payloadText()).isEqualTo("online");
            assertThat(exactGot.getFirst().retain()).isTrue();
            // RabbitMQ 3.10 looks retained messages up by the exact filter only (the specification sends every
            // retained message the filter matches); a live message proves the wildcard subscription works
            exact.publish(MqttPublish.of("retained/agent-2/birth", bytes("live"), 1)).get(5, SECONDS);
            await().atMost(WAIT).until(() -> wildcardGot.contains("live"));
            assertThat(wildcardGot).containsExactly("live");
        }
    }

    @Test
    void dotsInATopicArriveAsSlashes() throws Exception {
        try (MqttConnection client = MqttConnection.connect(options("dots").build())) {
            List<String> topics = new CopyOnWriteArrayList<>();
            client.subscribe(List.of(new Subscription("dots/#", 1)), m -> topics.add(m.topic())).get(5, SECONDS);

            client.publish(MqttPublish.of("dots/boiler.temperature", bytes("21.5"), 1)).get(5, SECONDS);

            // RabbitMQ routes MQTT topics as AMQP routing keys, in which '.' separates words as '/' does in MQTT,
            // and maps them back with '/': a dot never survives the trip
            await().atMost(WAIT).until(() -> !topics.isEmpty());
            assertThat(topics).containsExactly("dots/boiler/temperature");
        }
    }

    private static MqttWill willOf(String topic) {
        return MqttWill.of(MqttPublish.of(topic, bytes("offline"), 1));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
