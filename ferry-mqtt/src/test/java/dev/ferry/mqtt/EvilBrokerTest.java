package dev.ferry.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.mqtt.DisconnectInfo.Cause;
import dev.ferry.mqtt.internal.Packet;
import dev.ferry.mqtt.internal.PacketType;
import dev.ferry.mqtt.internal.Properties;
import dev.ferry.mqtt.internal.PropertyId;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a broker that sends garbage, oversized packets, refusals and silence: every case ends in a
 * clean {@link MqttConnection#closed()} with a reason, pending futures fail, nothing hangs, nothing escapes.
 */
class EvilBrokerTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previous;

    @BeforeEach
    void watchForUncaughtExceptions() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    }

    @AfterEach
    void nothingEscaped() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        assertThat(uncaught).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void garbageAfterConnackEndsTheConnectionAsMalformed(MqttVersion version) throws Exception {
        AtomicReference<Packet> goodbye = new AtomicReference<>();
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            s.sendRaw(new byte[] {0x00, 0x00});
            goodbye.set(s.read());
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            DisconnectInfo end = client.closed().get(5, SECONDS);

            assertThat(end.cause()).isEqualTo(Cause.PROTOCOL_ERROR);
            assertThat(end.reasonCode()).isEqualTo(0x81);
            assertThat(end.reason()).contains("packet type 0 is reserved");
            broker.awaitScript();
            // MQTT 5 tells the broker why; MQTT 3.1.1 just closes, so the will is published
            assertThat(goodbye.get()).isEqualTo(version == MqttVersion.V5
                    ? new Packet.Disconnect(0x81, Properties.builder().string(PropertyId.REASON_STRING, "packet type 0 is reserved").build())
                    : null);
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void anOversizedPacketEndsTheConnectionWithoutWaitingForItsBody(MqttVersion version) throws Exception {
        AtomicReference<Packet> goodbye = new AtomicReference<>();
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            s.sendRaw(new byte[] {0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}); // a PUBLISH of 256 MiB, never sent
            goodbye.set(s.read());
        }); MqttConnection client = MqttConnection.connect(broker.options().maximumPacketSize(1024).build())) {
            DisconnectInfo end = client.closed().get(5, SECONDS);

            assertThat(end.cause()).isEqualTo(Cause.PROTOCOL_ERROR);
            assertThat(end.reasonCode()).isEqualTo(MqttReasonCodes.PACKET_TOO_LARGE);
            assertThat(end.reason()).contains("exceeds the maximum packet size of 1024 bytes");
            broker.awaitScript();
            if (version == MqttVersion.V5) {
                assertThat(goodbye.get()).isInstanceOfSatisfying(Packet.Disconnect.class,
                        d -> assertThat(d.reasonCode()).isEqualTo(0x95));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aBrokerClosingMidPacketFailsThePendingPublishes(MqttVersion version) throws Exception {
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            s.read(Packet.Publish.class);
            s.sendRaw(new byte[] {0x30, 0x10, 0x00}); // the first 3 bytes of a PUBLISH, then the end
            s.socket.close();
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            CompletableFuture<Void> pending = client.publish(MqttPublish.of("t", bytes("x"), 1));

            DisconnectInfo end = client.closed().get(5, SECONDS);

            assertThat(end.cause()).isEqualTo(Cause.CONNECTION_LOST);
            assertThat(end.reason()).contains("in the middle of a packet");
            assertThat(pending).isCompletedExceptionally();
            assertThatThrownBy(pending::get).hasCauseInstanceOf(MqttConnectionLostException.class);
            assertThat(client.publish(MqttPublish.of("t", bytes("after"), 1))).isCompletedExceptionally();
            broker.awaitScript();
        }
    }

    @Test
    void aBrokerThatNeverAnswersConnectTimesOut() throws Exception {
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.read(Packet.Connect.class);
            s.read(); // silent until the client hangs up
            clientGaveUp.countDown();
        })) {
            MqttConnectOptions options = broker.options().connectTimeout(Duration.ofMillis(300)).build();

            assertThatThrownBy(() -> MqttConnection.connect(options))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("did not complete TCP connect, TLS handshake and CONNACK within 300ms");
            assertThat(clientGaveUp.await(5, SECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aSilentBrokerIsDeclaredDeadByTheKeepAlive(MqttVersion version) throws Exception {
        List<PacketType> received = new CopyOnWriteArrayList<>();
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            for (Packet p; (p = s.read()) != null; ) {
                received.add(p.type()); // never answers, not even PINGREQ
            }
        }); MqttConnection client = MqttConnection.connect(broker.options().keepAlive(Duration.ofSeconds(1)).build())) {
            DisconnectInfo end = client.closed().get(10, SECONDS);

            assertThat(end.cause()).isEqualTo(Cause.KEEP_ALIVE_TIMEOUT);
            assertThat(end.reasonCode()).isEqualTo(0x8D);
            broker.awaitScript();
            assertThat(received).contains(PacketType.PINGREQ);
        }
    }

    @Test
    void aServerDisconnectEndsTheConnectionWithTheBrokersReason() throws Exception {
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.accept();
            s.read(Packet.Publish.class);
            s.send(new Packet.Disconnect(0x8B, Properties.builder().string(PropertyId.REASON_STRING, "maintenance").build()));
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            CompletableFuture<Void> pending = client.publish(MqttPublish.of("t", bytes("x"), 1));

            DisconnectInfo end = client.closed().get(5, SECONDS);

            assertThat(end.cause()).isEqualTo(Cause.SERVER_DISCONNECT);
            assertThat(end.reasonCode()).isEqualTo(0x8B);
            assertThat(end.reason()).contains("server shutting down").contains("maintenance");
            assertThat(end.unexpected()).isTrue();
            assertThatThrownBy(pending::get).hasCauseInstanceOf(MqttConnectionLostException.class)
                    .hasMessageContaining("maintenance");
        }
    }

    @Test
    void aFailurePubackFailsOnlyThatPublish() throws Exception {
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.accept();
            int first = s.read(Packet.Publish.class).packetId();
            int second = s.read(Packet.Publish.class).packetId();
            s.send(new Packet.Ack(PacketType.PUBACK, first, 0x87,
                    Properties.builder().string(PropertyId.REASON_STRING, "no write access to secret/x").build()));
            s.send(new Packet.Ack(PacketType.PUBACK, second, 0x10, Properties.NONE)); // no matching subscribers: a success
            s.read(Packet.Disconnect.class);
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            CompletableFuture<Void> refused = client.publish(MqttPublish.of("secret/x", bytes("x"), 1));
            CompletableFuture<Void> accepted = client.publish(MqttPublish.of("public/y", bytes("y"), 1));

            assertThatThrownBy(() -> refused.get(5, SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(MqttPublishRejectedException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo(0x87);
                        assertThat(e.getMessage()).contains("'secret/x'", "not authorized", "no write access");
                    });
            accepted.get(5, SECONDS);
            assertThat(client.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pubacksOutOfOrderCompleteTheirOwnFutures(MqttVersion version) throws Exception {
        CountDownLatch ackTheRest = new CountDownLatch(1);
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            int[] ids = {s.read(Packet.Publish.class).packetId(), s.read(Packet.Publish.class).packetId(),
                    s.read(Packet.Publish.class).packetId()};
            s.send(new Packet.Ack(PacketType.PUBACK, ids[2], 0, Properties.NONE));
            ackTheRest.await();
            s.send(new Packet.Ack(PacketType.PUBACK, ids[0], 0, Properties.NONE));
            s.send(new Packet.Ack(PacketType.PUBACK, ids[1], 0, Properties.NONE));
            s.read(Packet.Disconnect.class);
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            CompletableFuture<Void> first = client.publish(MqttPublish.of("t", bytes("1"), 1));
            CompletableFuture<Void> second = client.publish(MqttPublish.of("t", bytes("2"), 1));
            CompletableFuture<Void> third = client.publish(MqttPublish.of("t", bytes("3"), 1));

            third.get(5, SECONDS);
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            ackTheRest.countDown();
            CompletableFuture.allOf(first, second).get(5, SECONDS);
        }
    }

    @Test
    void mqtt5RefusalNamesTheReasonCodeAndTheBrokersReason() throws Exception {
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.read(Packet.Connect.class);
            s.send(new Packet.Connack(false, 0x86, Properties.builder().string(PropertyId.REASON_STRING, "unknown user").build()));
        })) {
            assertThatThrownBy(() -> MqttConnection.connect(broker.options().build()))
                    .isInstanceOfSatisfying(MqttConnectRefusedException.class, e -> {
                        assertThat(e.code()).isEqualTo(0x86);
                        assertThat(e.codeName()).isEqualTo("bad user name or password");
                        assertThat(e.reasonString()).isEqualTo("unknown user");
                        assertThat(e.getMessage()).contains("0x86 bad user name or password (unknown user)");
                    });
        }
    }

    @Test
    void mqtt311RefusalNamesTheReturnCode() throws Exception {
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V3_1_1, s -> {
            s.read(Packet.Connect.class);
            s.send(new Packet.Connack(false, 5, Properties.NONE));
        })) {
            assertThatThrownBy(() -> MqttConnection.connect(broker.options().build()))
                    .isInstanceOfSatisfying(MqttConnectRefusedException.class, e -> {
                        assertThat(e.code()).isEqualTo(5);
                        assertThat(e.codeName()).isEqualTo("not authorized");
                    });
        }
    }

    @Test
    void somethingOtherThanConnackIsAProtocolErrorWhileConnecting() throws Exception {
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.read(Packet.Connect.class);
            s.send(Packet.PINGRESP);
        })) {
            assertThatThrownBy(() -> MqttConnection.connect(broker.options().build()))
                    .hasMessageContaining("broke the protocol while connecting: it answered CONNECT with PINGRESP");
        }
    }

    @Test
    void aPubackNobodyWaitsForIsAProtocolError() throws Exception {
        AtomicReference<Packet> goodbye = new AtomicReference<>();
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.accept();
            s.send(new Packet.Ack(PacketType.PUBACK, 77, 0, Properties.NONE));
            goodbye.set(s.read());
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            DisconnectInfo end = client.closed().get(5, SECONDS);

            assertThat(end.cause()).isEqualTo(Cause.PROTOCOL_ERROR);
            assertThat(end.reasonCode()).isEqualTo(0x82);
            broker.awaitScript();
            assertThat(((Packet.Disconnect) goodbye.get()).reasonCode()).isEqualTo(0x82);
        }
    }

    @Test
    void theWindowBlocksPublishersUntilAnAckAndTheWaitIsInterruptible() throws Exception {
        CountDownLatch ackOne = new CountDownLatch(1);
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.accept(Properties.builder().number(PropertyId.RECEIVE_MAXIMUM, 2).build());
            int first = s.read(Packet.Publish.class).packetId();
            s.read(Packet.Publish.class);
            ackOne.await();
            s.send(new Packet.Ack(PacketType.PUBACK, first, 0, Properties.NONE));
            int third = s.read(Packet.Publish.class).packetId();
            s.send(new Packet.Ack(PacketType.PUBACK, third, 0, Properties.NONE));
            s.read(Packet.Disconnect.class);
        }); MqttConnection client = MqttConnection.connect(broker.options().maxInFlight(100).build())) {
            assertThat(client.inFlightWindow()).isEqualTo(2);
            client.publish(MqttPublish.of("t", bytes("1"), 1));
            client.publish(MqttPublish.of("t", bytes("2"), 1));
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread blocked = Thread.ofVirtual().start(() -> {
                try {
                    client.publish(MqttPublish.of("t", bytes("3"), 1));
                    outcome.set(new AssertionError("publish did not wait for room in the window"));
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getState() == Thread.State.WAITING);

            blocked.interrupt();
            blocked.join(5000);

            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            ackOne.countDown();
            client.publish(MqttPublish.of("t", bytes("3 again"), 1)).get(5, SECONDS);
        }
    }

    @Test
    void aPublishFromACallbackWithTheWindowFullFailsInsteadOfDeadlocking() throws Exception {
        CountDownLatch callbackAttached = new CountDownLatch(1);
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.accept(Properties.builder().number(PropertyId.RECEIVE_MAXIMUM, 1).build());
            int first = s.read(Packet.Publish.class).packetId();
            callbackAttached.await();
            s.send(new Packet.Ack(PacketType.PUBACK, first, 0, Properties.NONE));
            int second = s.read(Packet.Publish.class).packetId();
            s.send(new Packet.Ack(PacketType.PUBACK, second, 0, Properties.NONE));
            s.read(Packet.Disconnect.class);
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            CompletableFuture<CompletableFuture<Void>> fromCallback = new CompletableFuture<>();
            CompletableFuture<CompletableFuture<Void>> whileFull = new CompletableFuture<>();
            CompletableFuture<Void> first = client.publish(MqttPublish.of("t", bytes("1"), 1));
            first.thenRun(() -> { // runs on the reader thread when PUBACK arrives; the room it freed is free
                try {
                    CompletableFuture<Void> second = client.publish(MqttPublish.of("t", bytes("2"), 1));
                    fromCallback.complete(second);
                    whileFull.complete(client.publish(MqttPublish.of("t", bytes("3"), 1)));
                } catch (InterruptedException e) {
                    fromCallback.completeExceptionally(e);
                }
            });
            callbackAttached.countDown();

            fromCallback.get(5, SECONDS).get(5, SECONDS);
            assertThatThrownBy(() -> whileFull.get(5, SECONDS).get(5, SECONDS))
                    .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("window is full");
        }
    }

    @Test
    void limitsFromConnackAreEnforcedBeforeSending() throws Exception {
        List<Packet> received = new CopyOnWriteArrayList<>();
        try (FakeBroker broker = FakeBroker.start(MqttVersion.V5, s -> {
            s.accept(Properties.builder().number(PropertyId.MAXIMUM_PACKET_SIZE, 100).number(PropertyId.MAXIMUM_QOS, 0)
                    .number(PropertyId.RETAIN_AVAILABLE, 0).build());
            for (Packet p; (p = s.read()) != null; ) {
                received.add(p);
            }
        })) {
            MqttConnection client = MqttConnection.connect(broker.options().build());
            assertThat(client.connack().maximumQos()).isZero();

            CompletableFuture<Void> tooLarge = client.publish(MqttPublish.of("t", new byte[200], 0));
            CompletableFuture<Void> qos1 = client.publish(MqttPublish.of("t", bytes("x"), 1));
            CompletableFuture<Void> retained = client.publish(MqttPublish.of("t", bytes("x"), 0).withRetain(true));
            CompletableFuture<Void> fine = client.publish(MqttPublish.of("t", bytes("fits"), 0));

            assertThatThrownBy(() -> tooLarge.get(5, SECONDS)).cause().isInstanceOfSatisfying(MqttPublishRejectedException.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(0x95));
            assertThatThrownBy(() -> qos1.get(5, SECONDS)).cause().isInstanceOfSatisfying(MqttPublishRejectedException.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(0x9B));
            assertThatThrownBy(() -> retained.get(5, SECONDS)).cause().isInstanceOfSatisfying(MqttPublishRejectedException.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(0x9A));
            fine.get(5, SECONDS);
            client.close();
            broker.awaitScript();
            assertThat(received).hasSize(2).first().isInstanceOfSatisfying(Packet.Publish.class,
                    p -> assertThat(p.message().payloadText()).isEqualTo("fits"));
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void closeSendsDisconnectAndEndsAsTheClientsChoice(MqttVersion version) throws Exception {
        AtomicReference<Packet> goodbye = new AtomicReference<>();
        AtomicReference<Packet> afterGoodbye = new AtomicReference<>(Packet.PINGREQ);
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            Packet p = s.read();
            if (p instanceof Packet.Publish) { // or it was still queued when close() came, and failed unsent
                p = s.read();
            }
            goodbye.set(p);
            afterGoodbye.set(s.read());
        })) {
            MqttConnection client = MqttConnection.connect(broker.options().build());
            CompletableFuture<Void> pending = client.publish(MqttPublish.of("t", bytes("x"), 1));

            client.close();

            DisconnectInfo end = client.closed().get(5, SECONDS);
            assertThat(end.cause()).isEqualTo(Cause.CLIENT);
            assertThat(end.unexpected()).isFalse();
            assertThatThrownBy(pending::get).hasCauseInstanceOf(MqttConnectionLostException.class);
            broker.awaitScript();
            assertThat(goodbye.get()).isEqualTo(new Packet.Disconnect(0, Properties.NONE));
            assertThat(afterGoodbye.get()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void receivedQos1MessagesReachTheHandlerAndAreAcknowledged(MqttVersion version) throws Exception {
        AtomicReference<Packet> ack = new AtomicReference<>();
        MqttPublish config = MqttPublish.of("ferry/agent-1/config", bytes("{\"rate\":5}"), 1);
        MqttPublish expected = version == MqttVersion.V5 ? config.withContentType("application/json") : config;
        try (FakeBroker broker = FakeBroker.start(version, s -> {
            s.accept();
            Packet.Subscribe subscribe = s.read(Packet.Subscribe.class);
            s.send(new Packet.Suback(subscribe.packetId(), List.of(1), Properties.NONE));
            s.send(new Packet.Publish(expected, 42, false));
            ack.set(s.read());
            s.read(Packet.Disconnect.class);
        }); MqttConnection client = MqttConnection.connect(broker.options().build())) {
            List<MqttPublish> got = new CopyOnWriteArrayList<>();

            List<Integer> granted = client.subscribe(List.of(new Subscription("ferry/+/config", 1)), got::add).get(5, SECONDS);

            assertThat(granted).containsExactly(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> ack.get() != null);
            assertThat(got).containsExactly(expected);
            assertThat(ack.get()).isEqualTo(new Packet.Ack(PacketType.PUBACK, 42, 0, Properties.NONE));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
