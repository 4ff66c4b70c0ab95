package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What the writer thread takes from its queue: operations with a future, bare packets, and the two ways to stop. */
sealed interface Outbound {

    /** A publish; QoS 1 ones get a packet identifier when written and wait in {@link InFlight} for PUBACK. */
    record PublishOp(MqttPublish message, CompletableFuture<Void> done) implements Outbound {}

    /** A subscribe, waiting in {@link InFlight} for SUBACK once written. */
    record SubscribeOp(List<Subscription> subscriptions, Consumer<MqttPublish> handler,
            CompletableFuture<List<Integer>> done) implements Outbound {}

    /** An unsubscribe, waiting in {@link InFlight} for UNSUBACK once written. */
    record UnsubscribeOp(List<String> filters, CompletableFuture<List<Integer>> done) implements Outbound {}

    /** A packet nobody waits for: PUBACK for a received message, PINGREQ. */
    record Control(Packet packet) implements Outbound {}

    /** The last packet: DISCONNECT; the writer sends it, closes the socket and stops. */
    record Goodbye(Packet.Disconnect packet) implements Outbound {}

    /** Stop without sending anything more: the socket is already closed. */
    record Stop() implements Outbound {}

    Stop STOP = new Stop();
}
