package dev.ferry.mqtt;

import dev.ferry.mqtt.internal.ClientConnection;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One MQTT connection to one broker, open from {@link #connect} until it ends; it never reconnects by itself.
 *
 * <p><b>Threading.</b> Every method may be called from any thread. Each connection runs three virtual threads of its
 * own: a reader (parses packets, completes futures, calls subscription handlers), a writer (sends queued packets,
 * many per socket write when they queue up) and a keep-alive watchdog. Futures complete on those threads (a QoS 1
 * publish on the reader when PUBACK arrives, a QoS 0 one on the writer once sent, all pending ones on the writer when
 * the connection ends): callbacks attached with non-async methods run there and must be quick; use the
 * {@code ...Async} variants for slow work. {@link #close()} from such a callback does not wait.
 *
 * <p><b>Ending.</b> A connection ends once: by {@link #disconnect}/{@link #close()}, by the broker (DISCONNECT or a
 * closed socket), by a keep-alive timeout, or because the broker sent a malformed or oversized packet (MQTT 5: after
 * telling it with a DISCONNECT reason code). Then every pending future fails with {@link MqttConnectionLostException},
 * later calls fail the same way, and {@link #closed()} completes with the {@link DisconnectInfo}. Nothing escapes to a
 * thread's uncaught-exception handler.
 */
public interface MqttConnection extends AutoCloseable {

    /**
     * Opens a connection: TCP, TLS when {@link MqttConnectOptions#tls()} is set, CONNECT, CONNACK. Blocks the caller
     * for at most {@link MqttConnectOptions#connectTimeout()}.
     *
     * @throws MqttConnectRefusedException the broker refused (bad user name or password, not authorized, ...)
     * @throws IOException the broker could not be reached, the TLS handshake failed (the JDK's
     *     {@link javax.net.ssl.SSLHandshakeException} is the cause), or no valid CONNACK came in time
     */
    static MqttConnection connect(MqttConnectOptions options) throws IOException {
        return ClientConnection.open(options, List.of(), message -> { });
    }

    /**
     * Opens a connection as {@link #connect(MqttConnectOptions)} does and subscribes to {@code subscriptions} as its
     * first act, with {@code handler} in place before a packet is read: a broker that keeps a session
     * ({@code cleanStart} false) may deliver the messages it queued meanwhile right after CONNACK, before SUBSCRIBE,
     * and they are handled, not dropped. {@link #initialSubscription()} tells what the broker granted.
     */
    static MqttConnection connect(MqttConnectOptions options, List<Subscription> subscriptions, Consumer<MqttPublish> handler)
            throws IOException {
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("connect with subscriptions needs at least one");
        }
        return ClientConnection.open(options, subscriptions, handler);
    }

    /**
     * The SUBACK codes of the subscriptions made at connect time (see
     * {@link #connect(MqttConnectOptions, List, Consumer)}); an empty list when there were none.
     */
    CompletableFuture<List<Integer>> initialSubscription();

    /**
     * Queues one message for sending. The future completes, for QoS 0, once the message was written to the socket;
     * for QoS 1, once the broker acknowledged it with PUBACK (acknowledgements may arrive in any order; each completes
     * its own future). It fails with {@link MqttPublishRejectedException} when the broker refused this message (MQTT 5
     * reason code 0x80 or above) or it breaks a limit from CONNACK, and with {@link MqttConnectionLostException} when
     * the connection ends first.
     *
     * <p>Blocks while {@link #inFlightWindow()} messages are in flight, until one completes or the connection ends.
     * Called from a callback or handler running on the connection's own threads, it cannot wait (those threads free
     * the room): with the window full it returns a future failed with {@link IllegalStateException}.
     *
     * @throws InterruptedException the caller was interrupted while waiting for room; nothing was queued
     */
    CompletableFuture<Void> publish(MqttPublish message) throws InterruptedException;

    /**
     * Subscribes, and has {@code handler} called with each message whose topic matches one of these filters. The
     * future completes with one SUBACK code per subscription: the granted QoS (0 or 1), or 0x80 and above for a
     * refused one (whose filter then gets no handler).
     *
     * <p>The handler runs on the reader thread, one message at a time, in the order the broker sent them; a QoS 1
     * message is acknowledged once the handler returns. It must not block: while it runs, no PUBACK is processed. An
     * exception from it is logged and the message acknowledged anyway, so one bad message cannot loop forever.
     */
    CompletableFuture<List<Integer>> subscribe(List<Subscription> subscriptions, Consumer<MqttPublish> handler);

    /**
     * Unsubscribes and drops the handlers of these filters. The future completes with one UNSUBACK code per filter
     * (MQTT 3.1.1 has none, so there it completes with 0x00 for each).
     */
    CompletableFuture<List<Integer>> unsubscribe(List<String> filters);

    /** The most publishes in flight at once: the smaller of our {@code maxInFlight} and the broker's receive maximum. */
    int inFlightWindow();

    /** What the broker granted when the connection opened. */
    ConnackInfo connack();

    /** The version this connection speaks. */
    MqttVersion version();

    /** True until the connection starts ending. */
    boolean isOpen();

    /** Completes once the connection has ended and every pending future has failed; never completes exceptionally. */
    CompletableFuture<DisconnectInfo> closed();

    /**
     * Ends the connection: sends DISCONNECT (MQTT 5 with this reason code and, if not empty, reason string) after the
     * packets already written, then closes the socket. Does not wait; see {@link #closed()}. Pending publishes fail.
     * {@link MqttReasonCodes#DISCONNECT_WITH_WILL} has the broker publish the will. No effect once ended.
     */
    void disconnect(int reasonCode, String reason);

    /** A normal {@link #disconnect} that waits, up to the connect timeout, until the connection has ended. */
    @Override
    void close();
}
