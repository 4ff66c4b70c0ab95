package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.Refusal;
import dev.ferry.mqtt.MqttPublishRejectedException;
import dev.ferry.mqtt.MqttReasonCodes;

/**
 * Which failed publishes are refusals of that one message, to be reported with its entries, and which are not.
 *
 * <p>A PUBACK of 0x80 or above (MQTT 5) refuses that message for good: 0x87 not authorized (the broker's ACL),
 * 0x90 topic name invalid, 0x97 quota exceeded, 0x99 payload format invalid, 0x80 and 0x83 unspecified and
 * implementation-specific errors. So does this client when a message is larger than the broker's maximum packet size
 * (0x95). Not refusals: 0x91 (packet identifier in use, a fault of the session, not of the message), and this client's
 * own 0x9A and 0x9B (the broker keeps no retained messages or takes QoS 0 only), which would refuse every message
 * alike and so are the sink's settings to change, reported as the sink's failure.
 */
public final class PublishRefusals {

    private static final int PACKET_IDENTIFIER_IN_USE = 0x91;
    private static final int RETAIN_NOT_SUPPORTED = 0x9A;
    private static final int QOS_NOT_SUPPORTED = 0x9B;

    private PublishRefusals() {}

    /** The refusal of the message that failed with {@code failure}; null when the failure is not a refusal of it. */
    public static @Nullable Refusal of(Throwable failure, String topic) {
        if (!(failure instanceof MqttPublishRejectedException rejected) || !refusesTheMessage(rejected.reasonCode())) {
            return null;
        }
        int code = rejected.reasonCode();
        String detail = rejected.reasonString() == null ? "" : " (" + withoutCounts(code, rejected.reasonString()) + ")";
        return new Refusal("mqtt_0x%02x".formatted(code), "the message on " + shortened(topic) + " was refused: "
                + MqttReasonCodes.describe(code) + detail + advice(code));
    }

    /** Whether the failure is one that no retry can mend but a change of the sink's settings: QoS, retain. */
    public static boolean refusesEveryMessage(Throwable failure) {
        return failure instanceof MqttPublishRejectedException rejected
                && (rejected.reasonCode() == RETAIN_NOT_SUPPORTED || rejected.reasonCode() == QOS_NOT_SUPPORTED);
    }

    private static boolean refusesTheMessage(int code) {
        return code >= 0x80 && code != PACKET_IDENTIFIER_IN_USE && code != RETAIN_NOT_SUPPORTED && code != QOS_NOT_SUPPORTED;
    }

    private static String advice(int code) {
        return switch (code) {
            case 0x87 -> "; this client may not publish there (the broker's ACL)";
            case 0x90 -> "; the broker does not take this topic name";
            case 0x95 -> "; the broker's maximum packet size is smaller than this message";
            case 0x97 -> "; a quota the broker sets was exceeded";
            case 0x99 -> "; the payload does not match its format indicator";
            default -> "";
        };
    }

    /** The client's own 0x95 names the packet's size, which differs from message to message; a refusal reads the same. */
    private static String withoutCounts(int code, String reasonString) {
        if (code != MqttReasonCodes.PACKET_TOO_LARGE) {
            return reasonString;
        }
        int limit = reasonString.indexOf("maximum packet size");
        return limit < 0 ? reasonString : "the broker's " + reasonString.substring(limit);
    }

    /** A topic for a reason line: a very long one would drown it. */
    static String shortened(String topic) {
        return topic.length() <= 200 ? topic : topic.substring(0, 200) + "...";
    }
}
