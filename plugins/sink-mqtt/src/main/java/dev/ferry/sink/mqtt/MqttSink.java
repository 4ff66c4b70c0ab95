package dev.ferry.sink.mqtt;

import dev.ferry.api.Batch;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttConnection;
import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttReasonCodes;
import dev.ferry.mqtt.MqttVersion;
import dev.ferry.mqtt.MqttWill;
import dev.ferry.sink.mqtt.internal.MessageBuilder;
import dev.ferry.sink.mqtt.internal.Outgoing;
import dev.ferry.sink.mqtt.internal.TopicTemplate;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes readings to one broker. The runner calls {@link #open()} to connect (again after any failed send), and
 * {@link #send} for each batch; a batch's stage completes when every message of it was acknowledged (QoS 1) or
 * written (QoS 0). Reconnecting, with backoff, is the runner's: a lost connection fails the batches in flight,
 * which are then sent again with the same IDs.
 */
final class MqttSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(MqttSink.class);
    private static final byte[] ONLINE = "online".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.US_ASCII);

    private final MqttSinkConfig config;
    private final BrokerAddress broker;
    private final @Nullable ClientTls tls;
    private final PluginContext context;
    private final MessageBuilder messages;
    private final @Nullable String statusTopic;
    private final MqttVersion version;
    private volatile @Nullable MqttConnection connection;

    MqttSink(MqttSinkConfig config, BrokerAddress broker, @Nullable ClientTls tls, PluginContext context) {
        this.config = config;
        this.broker = broker;
        this.tls = tls;
        this.context = context;
        this.version = config.protocol().equals("3.1.1") ? MqttVersion.V3_1_1 : MqttVersion.V5;
        this.messages = new MessageBuilder(context.agentId(), TopicTemplate.parse(config.topic()),
                TopicTemplate.parse(config.batchTopic()), TopicTemplate.parse(config.gapTopic()), config.encoding(),
                config.batchBytes().bytes());
        this.statusTopic = config.statusTopic().isEmpty() ? null : TopicTemplate.parse(config.statusTopic()).render(context.agentId());
    }

    @Override
    public void open() throws IOException {
        MqttConnection current = connection;
        if (current != null && current.isOpen()) {
            return;
        }
        if (current != null) {
            current.close();
        }
        TlsIdentity identity = tls == null ? null : tls.current();
        MqttConnectOptions.Builder options = MqttConnectOptions.builder(broker.host(), broker.port())
                .version(version)
                .clientId(config.clientId() != null ? config.clientId() : context.agentId())
                .keepAlive(config.keepAlive())
                .cleanStart(true)
                .maxInFlight(config.inFlight())
                .connectTimeout(config.connectTimeout())
                .credentials(config.username(), config.password() == null ? null : config.password().getBytes(StandardCharsets.UTF_8));
        if (identity != null) {
            options.tls(identity.socketFactory(), identity.parameters(broker.host()));
        }
        if (statusTopic != null) {
            options.will(MqttWill.of(MqttPublish.of(statusTopic, OFFLINE, 1).withRetain(true)));
        }
        MqttConnection opened;
        try {
            opened = MqttConnection.connect(options.build());
        } catch (IOException e) {
            String reason = identity != null ? identity.explain(e) : e.getMessage();
            throw new IOException(broker + ": " + reason, e);
        }
        if (statusTopic != null) {
            try {
                opened.publish(MqttPublish.of(statusTopic, ONLINE, 1).withRetain(true)).get();
            } catch (Exception e) {
                opened.close();
                throw new IOException(broker + ": connected, but the status message was not accepted: " + rootMessage(e), e);
            }
        }
        connection = opened;
        log.info("sink {}: connected to {} (MQTT {}, {} in flight at most)", context.name(), broker,
                version == MqttVersion.V5 ? "5" : "3.1.1", opened.inFlightWindow());
    }

    @Override
    public CompletionStage<Void> send(Batch batch) {
        MqttConnection current = connection;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(new IOException(notConnected(current)));
        }
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (Outgoing message : messages.build(batch)) {
                acks.add(current.publish(toPublish(message)));
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
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
        if (statusTopic != null) {
            try {
                // A clean stop sends no will, so say it ourselves; wait briefly, as the process may be on its way out.
                current.publish(MqttPublish.of(statusTopic, OFFLINE, 1).withRetain(true)).get(config.connectTimeout().toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("sink {}: could not publish offline status: {}", context.name(), rootMessage(e));
            }
        }
        current.disconnect(MqttReasonCodes.NORMAL_DISCONNECTION, "");
        current.close();
    }

    /** Why there is no connection to send on: how the last one ended, once known, says more than "not connected". */
    private String notConnected(@Nullable MqttConnection last) {
        DisconnectInfo end = last == null ? null : last.closed().getNow(null);
        return end == null ? "not connected to " + broker : "connection to " + broker + " ended: " + end;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

}
