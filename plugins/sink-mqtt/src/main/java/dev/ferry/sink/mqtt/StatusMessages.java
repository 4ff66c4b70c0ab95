package dev.ferry.sink.mqtt;

import dev.ferry.api.Nullable;
import dev.ferry.api.Refusal;
import dev.ferry.mqtt.MqttConnection;
import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.MqttPublishRejectedException;
import dev.ferry.mqtt.MqttWill;
import dev.ferry.sink.mqtt.internal.PublishRefusals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retained {@code online} after connecting, {@code offline} on a clean stop, and {@code offline} as the Last Will.
 *
 * <p>They tell the platform whether the gateway is there, and nothing more: a broker refusing them (an ACL that
 * does not cover the status topic) never holds back readings. The refusal is logged once, until it changes or the
 * status gets through. Mosquitto 2 accepts a will on a topic the client may not publish to and drops it when the
 * connection dies, saying nothing; a refused {@code online} on the same topic is the only sign, so the log line
 * speaks of both. With MQTT 3.1.1 the broker cannot say it refused anything, and there is no sign at all.
 */
final class StatusMessages {

    private static final Logger log = LoggerFactory.getLogger(StatusMessages.class);
    private static final byte[] ONLINE = "online".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.US_ASCII);

    private final String sink;
    private final String topic;
    private final Duration timeout;
    private @Nullable String refused;

    StatusMessages(String sink, String topic, Duration timeout) {
        this.sink = sink;
        this.topic = topic;
        this.timeout = timeout;
    }

    MqttWill will() {
        return MqttWill.of(message(OFFLINE));
    }

    /** Publishes {@code online}; a refusal is logged and let be, any other failure is the connection's. */
    void online(MqttConnection connection) throws IOException {
        try {
            publishAndWait(connection, ONLINE);
            refused = null;
        } catch (MqttPublishRejectedException e) {
            noteRefusal(e);
        }
    }

    /** Publishes {@code offline} before a clean stop, which sends no will; briefly, as the process may be leaving. */
    void offline(MqttConnection connection) {
        if (refused != null) {
            return;
        }
        try {
            publishAndWait(connection, OFFLINE);
        } catch (IOException e) {
            log.warn("sink {}: could not publish the offline status: {}", sink, e.getMessage());
        }
    }

    private void noteRefusal(MqttPublishRejectedException e) {
        Refusal refusal = PublishRefusals.of(e, topic);
        String reason = refusal != null ? refusal.reason() : e.getMessage();
        if (!Objects.equals(reason, refused)) {
            log.warn("sink {}: status messages are off: {}; the broker drops the Last Will on {} too, so the platform"
                    + " sees neither online nor offline. Readings are delivered all the same. Set status_topic to a topic"
                    + " this client may publish to, or to \"\" to turn status messages off", sink, reason, topic);
        }
        refused = reason;
    }

    private MqttPublish message(byte[] payload) {
        return MqttPublish.of(topic, payload, 1).withRetain(true);
    }

    private void publishAndWait(MqttConnection connection, byte[] payload) throws IOException {
        try {
            connection.publish(message(payload)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("publishing the status on " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the broker did not acknowledge the status on " + topic + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing the status on " + topic);
        }
    }
}
