package dev.ferry.sink.mqtt;

import dev.ferry.api.Batch;
import dev.ferry.api.ControlChannel;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttConnection;
import dev.ferry.mqtt.MqttConnectionLostException;
import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttPublishRejectedException;
import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.Subscription;
import dev.ferry.sink.mqtt.internal.BatchOutcome;
import dev.ferry.sink.mqtt.internal.BuiltBatch;
import dev.ferry.sink.mqtt.internal.ClientIdClash;
import dev.ferry.sink.mqtt.internal.MessageBuilder;
import dev.ferry.sink.mqtt.internal.Outgoing;
import dev.ferry.sink.mqtt.internal.PublishRefusals;
import dev.ferry.sink.mqtt.internal.TopicTemplate;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsIdentity;
import dev.ferry.tls.TlsMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes readings to one broker. The runner calls {@link #open()} to connect (again after any failed send), and
 * {@link #send} for each batch; a batch's stage completes when every message of it was acknowledged (QoS 1) or
 * written (QoS 0). A message the broker refuses for good (an MQTT 5 PUBACK of 0x80 or above) or that cannot be sent
 * at all (a topic too long) fails the stage with its entries named, once every other message is acknowledged.
 * Reconnecting, with backoff, is the runner's: a lost connection fails the batches in flight, which are then sent
 * again with the same IDs.
 */
final class MqttSink implements Sink, ControlChannel {

    private static final Logger log = LoggerFactory.getLogger(MqttSink.class);

    private final MqttSinkConfig config;
    private final BrokerAddress broker;
    private final @Nullable ClientTls tls;
    private final PluginContext context;
    private final MessageBuilder messages;
    private final @Nullable StatusMessages status;
    private final MqttVersion version;
    private final String clientId;
    private final ClientIdClash clash;
    private volatile @Nullable MqttConnection connection;
    /** The topic commands come on (see {@link #listen}), subscribed to by each connection as it opens. */
    private volatile @Nullable String controlTopic;
    private volatile Consumer<byte[]> controlHandler = payload -> { };
    private final @Nullable TlsMetrics tlsMetrics;
    private Instant connectedAt = Instant.EPOCH;

    MqttSink(MqttSinkConfig config, SinkTopics topics, BrokerAddress broker, @Nullable ClientTls tls, PluginContext context) {
        this.tlsMetrics = tls == null ? null : TlsMetrics.register(context.metrics(), tls);
        this.config = config;
        this.broker = broker;
        this.tls = tls;
        this.context = context;
        this.version = config.protocol().equals("3.1.1") ? MqttVersion.V3_1_1 : MqttVersion.V5;
        this.clientId = config.clientId() != null ? config.clientId() : context.agentId();
        this.clash = new ClientIdClash(clientId);
        this.messages = new MessageBuilder(context.agentId(), TopicTemplate.parse(topics.readings()),
                TopicTemplate.parse(topics.batch()).render(context.agentId()),
                TopicTemplate.parse(topics.gap()).render(context.agentId()), config.encoding(), config.batchBytes().bytes());
        this.status = topics.status() == null ? null
                : new StatusMessages(context.name(), TopicTemplate.parse(topics.status()).render(context.agentId()),
                        config.connectTimeout());
    }

    @Override
    public void open() throws IOException {
        MqttConnection current = connection;
        if (current != null && current.isOpen()) {
            return;
        }
        if (current != null) {
            connection = null;
            clash.ended(endOf(current), Duration.between(connectedAt, context.clock().instant()));
            current.close();
        }
        String clashing = clash.refusal();
        if (clashing != null) {
            throw new IOException(clashing);
        }
        MqttConnection opened = connect();
        if (status != null) {
            try {
                status.online(opened);
            } catch (IOException e) {
                opened.close();
                throw new IOException(broker + ": connected, but the connection ended while publishing the status: "
                        + e.getMessage());
            }
        }
        messages.fitPacketSize(opened.connack().maximumPacketSize());
        connectedAt = context.clock().instant();
        connection = opened;
        log.info("sink {}: connected to {} (MQTT {}, {} in flight at most)", context.name(), broker,
                version == MqttVersion.V5 ? "5" : "3.1.1", opened.inFlightWindow());
    }

    private MqttConnection connect() throws IOException {
        TlsIdentity identity = tls == null ? null : tls.current();
        MqttConnectOptions.Builder options = MqttConnectOptions.builder(broker.host(), broker.port())
                .version(version)
                .clientId(clientId)
                .keepAlive(config.keepAlive())
                .cleanStart(true)
                .maxInFlight(config.inFlight())
                .connectTimeout(config.connectTimeout())
                .credentials(config.username(), config.password() == null ? null : config.password().getBytes(StandardCharsets.UTF_8));
        if (identity != null) {
            options.tls(identity.socketFactory(), identity.parameters(broker.host()));
        }
        if (status != null) {
            options.will(status.will());
        }
        try {
            String commands = controlTopic;
            if (commands == null) {
                return MqttConnection.connect(options.build());
            }
            Consumer<byte[]> handler = controlHandler;
            MqttConnection opened = MqttConnection.connect(options.build(), List.of(new Subscription(commands, 1)),
                    message -> handler.accept(message.payload()));
            opened.initialSubscription().thenAccept(codes -> {
                if (codes.getFirst() >= 0x80) {
                    log.warn("sink {}: {} refused our subscription to {} (reason code 0x{}); the agent gets no commands"
                            + " through it; allow this client to subscribe there", context.name(), broker, commands,
                            Integer.toHexString(codes.getFirst()));
                }
            });
            return opened;
        } catch (IOException e) {
            if (tlsMetrics != null) {
                tlsMetrics.failed(identity, e);
            }
            String reason = identity != null ? identity.explain(e) : e.getMessage();
            throw new IOException(broker + ": " + reason, e);
        }
    }

    /** The most messages in flight at once on the open connection (ours or the broker's receive maximum); 0 when closed. */
    int inFlightWindow() {
        MqttConnection current = connection;
        return current != null && current.isOpen() ? current.inFlightWindow() : 0;
    }

    @Override
    public void listen(String topic, Consumer<byte[]> onMessage) {
        controlHandler = onMessage;
        controlTopic = topic;
    }

    @Override
    public CompletionStage<Void> report(String topic, byte[] payload) {
        MqttConnection current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(new IOException(notConnected(current)));
        }
        try {
            return current.publish(new MqttPublish(topic, payload, 1, true, null, null, true, Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether a connection is open now. */
    @Override
    public boolean connected() {
        MqttConnection current = connection;
        return current != null && current.isOpen();
    }

    @Override
    public CompletionStage<Void> send(Batch batch) {
        MqttConnection current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(new IOException(notConnected(current)));
        }
        try {
            BuiltBatch built = messages.build(batch);
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (Outgoing message : built.messages()) {
                acks.add(publish(current, message));
            }
            return BatchOutcome.of(built.messages(), acks, built.refused(), this::sinkFailure);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new IOException("interrupted while sending to " + broker));
        }
    }

    /** A failed publish that is no refusal of its message, as the one line the batch's stage fails with. */
    private IOException sinkFailure(Throwable failure) {
        if (failure instanceof MqttConnectionLostException lost) {
            return new IOException(ended(lost.disconnect()));
        }
        if (PublishRefusals.refusesEveryMessage(failure)) {
            return new IOException(broker + " takes no message as this sink sends them: " + failure.getMessage()
                    + "; set qos: 0 or retain: false to match what the broker offers");
        }
        return failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
    }

    /** Publishes one message; one the client will not take (its own checks of names and sizes) fails alone. */
    private CompletableFuture<Void> publish(MqttConnection current, Outgoing message) throws InterruptedException {
        MqttPublish publish;
        try {
            publish = toPublish(message);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new MqttPublishRejectedException(message.topic(),
                    MqttReasonCodes.TOPIC_NAME_INVALID, e.getMessage()));
        }
        return current.publish(publish);
    }

    private MqttPublish toPublish(Outgoing message) {
        MqttPublish publish = new MqttPublish(message.topic(), message.payload(), config.qos(), config.retain(),
                config.messageExpiry(), null, false, Map.of());
        if (version == MqttVersion.V5) {
            Map<String, String> ids = message.firstId().isEmpty() ? Map.of()
                    : message.batch() ? Map.of("first_id", message.firstId(), "last_id", message.lastId())
                    : Map.of("id", message.firstId());
            publish = publish.withContentType(config.encoding().contentType())
                    .withUtf8Payload(config.encoding() != MqttSinkConfig.PayloadEncoding.SENML_CBOR)
                    .withUserProperties(ids);
        }
        return publish;
    }

    /**
     * Enough batches in flight to keep the broker's window full. One message per reading: the window in readings.
     * Batched: a few batches, as each becomes several messages; the client's window throttles the rest, and the
     * readings held in memory stay bounded.
     */
    @Override
    public int maxBatchesInFlight() {
        return config.batchBytes().bytes() > 0 ? 8 : Math.max(2, config.inFlight() / maxBatchSize() + 1);
    }

    @Override
    public int maxBatchSize() {
        return config.batchBytes().bytes() > 0 ? 4096 : Math.min(256, config.inFlight());
    }

    @Override
    public void close() {
        MqttConnection current = connection;
        connection = null;
        if (current == null || !current.isOpen()) {
            return;
        }
        if (status != null) {
            status.offline(current); // a clean stop sends no will, so say it ourselves
        }
        current.disconnect(MqttReasonCodes.NORMAL_DISCONNECTION, "");
        current.close();
    }

    /** Why there is no connection to send on: how the last one ended, once known, says more than "not connected". */
    private String notConnected(@Nullable MqttConnection last) {
        DisconnectInfo end = last == null ? null : last.closed().getNow(null);
        return end == null ? "not connected to " + broker : ended(end);
    }

    private String ended(DisconnectInfo end) {
        String takenOver = clash.explain(end);
        return takenOver != null ? takenOver : "connection to " + broker + " ended: " + end;
    }

    /** How a connection that is no longer open ended; its end is reported a moment after it stops being open. */
    private DisconnectInfo endOf(MqttConnection ended) {
        try {
            return ended.closed().get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DisconnectInfo(DisconnectInfo.Cause.CLIENT, 0, "interrupted while it ended", null);
        } catch (ExecutionException | TimeoutException e) {
            return new DisconnectInfo(DisconnectInfo.Cause.CLIENT, 0, "did not report how it ended", null);
        }
    }
}
