package dev.ferry.mqtt;

import dev.ferry.api.Nullable;
import java.io.IOException;

/**
 * The broker refused one PUBLISH with an MQTT 5 failure reason code in PUBACK (not authorized, quota exceeded,
 * payload format invalid...), or this client refused to send it because it breaks a limit the broker announced
 * in CONNACK (maximum QoS, retain available, maximum packet size). The connection stays open.
 */
public final class MqttPublishRejectedException extends IOException {

    private final int reasonCode;
    private final @Nullable String reasonString;

    public MqttPublishRejectedException(String topic, int reasonCode, @Nullable String reasonString) {
        super("PUBLISH to '" + topic + "' rejected: " + MqttReasonCodes.describe(reasonCode)
                + (reasonString == null ? "" : " (" + reasonString + ")"));
        this.reasonCode = reasonCode;
        this.reasonString = reasonString;
    }

    /** The MQTT 5 reason code, 0x80 or above. */
    public int reasonCode() {
        return reasonCode;
    }

    /** The broker's reason string, or the limit this client enforced; null when none was given. */
    public @Nullable String reasonString() {
        return reasonString;
    }
}
