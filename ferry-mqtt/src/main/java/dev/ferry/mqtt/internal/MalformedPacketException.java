package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttReasonCodes;
import java.io.IOException;

/**
 * A packet that breaks the specification: it cannot be parsed (0x81 malformed packet), breaks a rule
 * (0x82 protocol error, 0x90 topic name invalid, 0x94 topic alias invalid) or is larger than allowed
 * (0x95 packet too large). The connection that read it ends with this reason code.
 */
public final class MalformedPacketException extends IOException {

    private final int reasonCode;

    public MalformedPacketException(int reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    static MalformedPacketException malformed(String message) {
        return new MalformedPacketException(MqttReasonCodes.MALFORMED_PACKET, message);
    }

    static MalformedPacketException protocolError(String message) {
        return new MalformedPacketException(MqttReasonCodes.PROTOCOL_ERROR, message);
    }

    /** The MQTT 5 reason code that names the fault. */
    public int reasonCode() {
        return reasonCode;
    }
}
