package dev.ferry.mqtt;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.internal.Topics;
import dev.ferry.mqtt.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An application message: one that this client publishes, or one it received on a subscription.
 *
 * <p>The payload array is not copied (publishing is the hot path): do not modify it after handing the message to
 * {@link MqttConnection#publish}. {@link #equals} compares payloads by content.
 *
 * <p>The MQTT 5 properties ({@code messageExpiry}, {@code contentType}, {@code utf8Payload}, {@code userProperties})
 * are not sent on an MQTT 3.1.1 connection, which has no place for them.
 *
 * @param topic a topic name: non-empty, no {@code +} or {@code #} wildcards, no U+0000, at most 65,535 UTF-8 bytes
 * @param qos 0 (at most once) or 1 (at least once)
 * @param retain whether the broker keeps this message for future subscribers (received: whether it was a retained one)
 * @param messageExpiry how long the broker may keep it for subscribers (whole seconds), or null for no expiry
 * @param contentType a MIME type, or null
 * @param utf8Payload the payload format indicator: true when the payload is UTF-8 text
 * @param userProperties name/value pairs, in order; a received message with a repeated name keeps the last value
 */
public record MqttPublish(String topic, byte[] payload, int qos, boolean retain, @Nullable Duration messageExpiry,
        @Nullable String contentType, boolean utf8Payload, Map<String, String> userProperties) {

    public MqttPublish {
        Topics.checkName(topic);
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("publish to '" + topic + "': QoS must be 0 or 1, was " + qos);
        }
        if (messageExpiry != null && (messageExpiry.isNegative() || messageExpiry.toSeconds() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("publish to '" + topic + "': message expiry must be 0 to 4294967295 seconds, was "
                    + messageExpiry);
        }
        if (contentType != null) {
            Utf8.check(contentType, "content type");
        }
        userProperties = copyProperties(userProperties);
    }

    /** A message with no MQTT 5 properties and no retain flag. */
    public static MqttPublish of(String topic, byte[] payload, int qos) {
        return new MqttPublish(topic, payload, qos, false, null, null, false, Map.of());
    }

    public MqttPublish withRetain(boolean newRetain) {
        return new MqttPublish(topic, payload, qos, newRetain, messageExpiry, contentType, utf8Payload, userProperties);
    }

    public MqttPublish withMessageExpiry(@Nullable Duration expiry) {
        return new MqttPublish(topic, payload, qos, retain, expiry, contentType, utf8Payload, userProperties);
    }

    public MqttPublish withContentType(@Nullable String type) {
        return new MqttPublish(topic, payload, qos, retain, messageExpiry, type, utf8Payload, userProperties);
    }

    public MqttPublish withUtf8Payload(boolean utf8) {
        return new MqttPublish(topic, payload, qos, retain, messageExpiry, contentType, utf8, userProperties);
    }

    public MqttPublish withUserProperties(Map<String, String> properties) {
        return new MqttPublish(topic, payload, qos, retain, messageExpiry, contentType, utf8Payload, properties);
    }

    /** The payload decoded as UTF-8, for text payloads and for tests. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Validates and copies user properties, keeping their order. */
    static Map<String, String> copyProperties(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return Map.of();
        }
        properties.forEach((name, value) -> {
            Utf8.check(name, "user property name");
            Utf8.check(value, "user property '" + name + "'");
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MqttPublish that
                && topic.equals(that.topic) && Arrays.equals(payload, that.payload) && qos == that.qos
                && retain == that.retain && Objects.equals(messageExpiry, that.messageExpiry)
                && Objects.equals(contentType, that.contentType) && utf8Payload == that.utf8Payload
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, messageExpiry, contentType, utf8Payload, userProperties);
    }

    @Override
    public String toString() {
        return "MqttPublish[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos + (retain ? ", retain" : "")
                + (messageExpiry != null ? ", expiry=" + messageExpiry : "") + (contentType != null ? ", contentType=" + contentType : "")
                + (utf8Payload ? ", utf8" : "") + (userProperties.isEmpty() ? "" : ", userProperties=" + userProperties) + "]";
    }
}
