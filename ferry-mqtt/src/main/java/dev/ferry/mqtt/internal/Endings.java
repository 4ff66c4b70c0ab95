package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.DisconnectInfo.Cause;
import dev.ferry.mqtt.MqttReasonCodes;
import java.time.Duration;

/** The ways a connection ends, each with its reason code and a sentence for logs and health. */
final class Endings {

    private Endings() {}

    static DisconnectInfo byClient(int reasonCode, String reason) {
        return new DisconnectInfo(Cause.CLIENT, reasonCode, reason.isEmpty() ? "disconnected by this client" : reason, null);
    }

    static DisconnectInfo byServer(Packet.Disconnect d) {
        String reasonString = d.properties().string(PropertyId.REASON_STRING);
        String serverReference = d.properties().string(PropertyId.SERVER_REFERENCE);
        return new DisconnectInfo(Cause.SERVER_DISCONNECT, d.reasonCode(),
                "the broker sent DISCONNECT " + MqttReasonCodes.describe(d.reasonCode())
                        + (reasonString == null ? "" : ": " + reasonString)
                        + (serverReference == null ? "" : " (use server " + serverReference + ")"), null);
    }

    static DisconnectInfo keepAliveTimeout(Duration silence, Duration keepAlive) {
        return new DisconnectInfo(Cause.KEEP_ALIVE_TIMEOUT, 0x8D, "nothing came from the broker for "
                + millis(silence) + " with a keep-alive of " + millis(keepAlive) + "; the broker or the network is down", null);
    }

    static DisconnectInfo acknowledgementTimeout(Duration stalled, Duration keepAlive) {
        return new DisconnectInfo(Cause.KEEP_ALIVE_TIMEOUT, 0x8D, "publishes waited " + millis(stalled)
                + " for an acknowledgement while the broker answered pings (keep-alive " + millis(keepAlive)
                + "); packets were lost on the way, so they are sent again on a new connection", null);
    }

    static DisconnectInfo lost(String what, @Nullable Throwable error) {
        String detail = error == null || error.getMessage() == null ? "" : ": " + error.getMessage();
        return new DisconnectInfo(Cause.CONNECTION_LOST, 0x80, what + detail, error);
    }

    static DisconnectInfo protocolError(MalformedPacketException e) {
        return new DisconnectInfo(Cause.PROTOCOL_ERROR, e.reasonCode(), "the broker sent an invalid packet: " + e.getMessage(), e);
    }

    static DisconnectInfo internal(Throwable t) {
        return new DisconnectInfo(Cause.INTERNAL_ERROR, 0x83, "internal error in the MQTT client: " + t, t);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
