package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.ConnackInfo;
import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttConnection;
import dev.ferry.mqtt.MqttConnectionLostException;
import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttPublishRejectedException;
import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.Subscription;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open connection: the state its three threads share, and the one way it ends ({@link #end}). Operations wait in
 * the {@link Outbox} until completed. When the connection ends, the writer thread stops and sweeps the outbox; a caller
 * that queues after the sweep sees the connection ended and sweeps the queue itself.
 */
public final class ClientConnection implements MqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final MqttConnectOptions options;
    private final Handshake.Opened opened;
    private final int window;
    final Outbox outbox;
    final Subscriptions subscriptions = new Subscriptions();
    private final AtomicReference<DisconnectInfo> ending = new AtomicReference<>();
    private final CompletableFuture<DisconnectInfo> closed = new CompletableFuture<>();
    volatile long lastSentNanos = System.nanoTime();
    volatile long lastReceivedNanos = lastSentNanos;
    private volatile @Nullable Thread keepAlive;
    private volatile @Nullable Thread reader;
    private volatile @Nullable Thread writer;
    private volatile @Nullable Thread graceTimer;

    private ClientConnection(MqttConnectOptions options, Handshake.Opened opened) {
        this.options = options;
        this.opened = opened;
        this.window = Math.min(options.maxInFlight(), opened.connack().receiveMaximum());
        this.outbox = new Outbox(window);
    }

    /** The SUBACK of the subscriptions made at connect time. */
    private final CompletableFuture<List<Integer>> initialSubscription = new CompletableFuture<>();

    /**
     * Connects and starts the connection's threads; with {@code subscriptions}, their handler is in place before the
     * reader starts, and SUBSCRIBE is the first packet sent after CONNECT.
     */
    public static ClientConnection open(MqttConnectOptions options, List<Subscription> subscriptions,
            Consumer<MqttPublish> handler) throws IOException {
        ClientConnection c = new ClientConnection(options, Handshake.open(options));
        if (subscriptions.isEmpty()) {
            c.initialSubscription.complete(List.of());
        } else {
            c.subscriptions.add(subscriptions, handler);
            c.submit(new Outbound.SubscribeOp(List.copyOf(subscriptions), handler, c.initialSubscription));
        }
        String name = "mqtt-" + (options.clientId().isEmpty() ? options.host() : options.clientId());
        c.reader = Thread.ofVirtual().name(name + "-reader").start(new ReaderLoop(c, c.opened.reader()));
        c.writer = Thread.ofVirtual().name(name + "-writer").start(new WriterLoop(c, c.opened.out(), c.opened.buffer()));
        c.keepAlive = Thread.ofVirtual().name(name + "-keepalive").start(new KeepAlive(c, c.opened.connack().keepAlive()));
        LOG.debug("MQTT connected to {}:{} as '{}' ({}, window {})", options.host(), options.port(), options.clientId(),
                options.version(), c.window);
        return c;
    }

    @Override
    public CompletableFuture<Void> publish(MqttPublish message) throws InterruptedException {
        if (message.qos() > connack().maximumQos()) {
            return CompletableFuture.failedFuture(new MqttPublishRejectedException(message.topic(), 0x9B, "the broker accepts QoS 0 only"));
        }
        if (message.retain() && !connack().retainAvailable()) {
            return CompletableFuture.failedFuture(new MqttPublishRejectedException(message.topic(), 0x9A, "the broker keeps no retained messages"));
        }
        if (!isOpen()) {
            return CompletableFuture.failedFuture(lost());
        }
        Thread current = Thread.currentThread();
        if (current == reader || current == writer) {
            if (!outbox.inFlight.tryRoom()) { // waiting would stop the very thread that frees room
                return CompletableFuture.failedFuture(new IllegalStateException("MQTT publish to '" + message.topic()
                        + "' from a callback on the connection's own thread while the in-flight window is full;"
                        + " chain it with an ...Async method instead"));
            }
        } else {
            outbox.inFlight.awaitRoom();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Outbound.PublishOp(message, done));
        return done;
    }

    @Override
    public CompletableFuture<List<Integer>> subscribe(List<Subscription> subscriptions, Consumer<MqttPublish> handler) {
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("subscribe needs at least one subscription");
        }
        CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        this.subscriptions.add(subscriptions, handler); // before SUBSCRIBE leaves: retained messages may follow SUBACK at once
        submit(new Outbound.SubscribeOp(List.copyOf(subscriptions), handler, done));
        return done;
    }

    @Override
    public CompletableFuture<List<Integer>> unsubscribe(List<String> filters) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("unsubscribe needs at least one topic filter");
        }
        filters.forEach(Topics::checkFilter);
        CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        submit(new Outbound.UnsubscribeOp(List.copyOf(filters), done));
        return done;
    }

    @Override
    public CompletableFuture<List<Integer>> initialSubscription() {
        return initialSubscription;
    }

    @Override
    public int inFlightWindow() {
        return window;
    }

    @Override
    public ConnackInfo connack() {
        return opened.connack();
    }

    @Override
    public MqttVersion version() {
        return options.version();
    }

    @Override
    public boolean isOpen() {
        return ending.get() == null;
    }

    @Override
    public CompletableFuture<DisconnectInfo> closed() {
        return closed.copy();
    }

    @Override
    public void disconnect(int reasonCode, String reason) {
        Properties properties = Properties.NONE;
        if (!reason.isEmpty() && options.version() == MqttVersion.V5) {
            properties = Properties.builder().string(PropertyId.REASON_STRING, reason).build();
        }
        end(Endings.byClient(reasonCode, reason), new Packet.Disconnect(reasonCode, properties));
    }

    @Override
    public void close() {
        disconnect(MqttReasonCodes.NORMAL_DISCONNECTION, "");
        Thread current = Thread.currentThread();
        if (current == reader || current == writer) {
            return; // called from a handler or a callback: waiting here would wait for ourselves
        }
        try {
            closed.get(options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            forceClose(); // the DISCONNECT is stuck behind a full socket; the writer's sweep follows
        } catch (InterruptedException e) {
            forceClose();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closed() never fails", e);
        }
    }

    /**
     * Ends the connection, once; later calls have no effect. With a {@code goodbye} the writer sends it and closes the
     * socket (forced after the connect timeout); without one the socket closes at once.
     */
    void end(DisconnectInfo info, Packet.@Nullable Disconnect goodbye) {
        if (!ending.compareAndSet(null, info)) {
            return;
        }
        LOG.debug("MQTT connection to {}:{} ending: {}", options.host(), options.port(), info);
        outbox.inFlight.openFloodgates();
        Thread watchdog = keepAlive;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        if (goodbye != null) {
            outbox.queue.add(new Outbound.Goodbye(goodbye));
            graceTimer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(options.connectTimeout());
                    forceClose();
                } catch (InterruptedException done) {
                    // the writer closed the socket in time
                }
            });
        } else {
            forceClose();
            outbox.queue.add(Outbound.STOP);
        }
    }

    /** A malformed or oversized packet from the broker: MQTT 5 tells it why before closing. */
    void endWithProtocolError(MalformedPacketException e) {
        Packet.Disconnect goodbye = null;
        if (options.version() == MqttVersion.V5) {
            String reason = e.getMessage().length() > 200 ? e.getMessage().substring(0, 200) : e.getMessage();
            goodbye = new Packet.Disconnect(e.reasonCode(), Properties.builder().string(PropertyId.REASON_STRING, reason).build());
        }
        end(Endings.protocolError(e), goodbye);
    }

    /** Writer thread, on its way out: fails everything still pending, then reports the end. */
    void sweep(List<Outbound.PublishOp> writtenButNotSent) {
        end(Endings.internal(new IllegalStateException("the writer stopped on its own")), null); // no effect normally
        forceClose();
        outbox.failAll(writtenButNotSent, lost());
        Thread timer = graceTimer;
        if (timer != null) {
            timer.interrupt();
        }
        closed.complete(ending.get());
    }

    void enqueue(Outbound control) {
        if (isOpen()) {
            outbox.queue.add(control);
        }
    }

    private void submit(Outbound op) {
        outbox.queue.add(op);
        if (!isOpen()) {
            outbox.failQueued(lost()); // the writer may have swept already; whoever polls an operation fails it
        }
    }

    MqttConnectionLostException lost() {
        return new MqttConnectionLostException(ending.get());
    }

    /** Writer thread, after DISCONNECT left: TLS close_notify, then the TCP socket. */
    void closeGracefully() {
        Handshake.closeQuietly(opened.socket());
        forceClose();
    }

    private void forceClose() {
        Handshake.closeQuietly(opened.tcp());
    }

    @Override
    public String toString() {
        return "MqttConnection[" + options + (isOpen() ? ", open]" : ", ended: " + ending.get() + "]");
    }
}
