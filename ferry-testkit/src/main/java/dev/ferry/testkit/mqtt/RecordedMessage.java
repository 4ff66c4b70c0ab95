package dev.ferry.testkit.mqtt;

import dev.ferry.api.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One message as {@code mosquitto_sub} received it. The MQTT 5 properties are there only when the recorder
 * subscribed with MQTT 5.
 *
 * @param retained the retain flag as delivered: true for a message the broker kept and sent on subscribe
 * @param userProperties a repeated name keeps its last value
 * @param messageExpirySeconds the expiry left when the broker forwarded it, or null
 * @param payloadFormat the payload format indicator (1: UTF-8 text), or null
 */
public record RecordedMessage(String topic, byte[] payload, int qos, boolean retained, Map<String, String> userProperties,
        @Nullable String contentType, @Nullable Long messageExpirySeconds, @Nullable Integer payloadFormat) {

    public RecordedMessage {
        userProperties = Map.copyOf(userProperties);
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedMessage that && topic.equals(that.topic) && Arrays.equals(payload, that.payload)
                && qos == that.qos && retained == that.retained && userProperties.equals(that.userProperties)
                && Objects.equals(contentType, that.contentType) && Objects.equals(messageExpirySeconds, that.messageExpirySeconds)
                && Objects.equals(payloadFormat, that.payloadFormat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retained, userProperties);
    }

    @Override
    public String toString() {
        return topic + " q" + qos + (retained ? " retained" : "") + " '" + payloadText() + "'"
                + (userProperties.isEmpty() ? "" : " " + userProperties) + (contentType == null ? "" : " " + contentType);
    }
}
