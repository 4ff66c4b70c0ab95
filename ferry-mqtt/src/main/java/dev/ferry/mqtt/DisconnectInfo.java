package dev.ferry.mqtt;

import dev.ferry.api.Nullable;

/**
 * How and why a connection ended.
 *
 * @param cause who ended it, in broad terms
 * @param reasonCode the MQTT 5 reason code that describes the end (the one the broker sent, the one we sent, or the
 *     closest one for a local cause: 0x8D for a keep-alive timeout, 0x81 for a malformed packet, 0x80 for a lost
 *     connection); 0x00 for a normal disconnect
 * @param reason a sentence for logs and health: what happened, naming the broker's reason string when it gave one
 * @param error the exception behind a lost connection or a protocol error; null for the other ends, and for a broker
 *     that closed the connection between two packets without DISCONNECT (see {@link #closedWithoutReason()})
 */
public record DisconnectInfo(Cause cause, int reasonCode, String reason, @Nullable Throwable error) {

    /** Who ended the connection. */
    public enum Cause {
        /** This side called {@link MqttConnection#disconnect} or {@link MqttConnection#close()}. */
        CLIENT,
        /** The broker sent DISCONNECT (MQTT 5), for example when shutting down or taking over the session. */
        SERVER_DISCONNECT,
        /** Nothing arrived from the broker for 1.5 times the keep-alive: a dead broker or a black-holed network. */
        KEEP_ALIVE_TIMEOUT,
        /** The TCP or TLS connection failed or the broker closed it without DISCONNECT. */
        CONNECTION_LOST,
        /** The broker sent a malformed, oversized or unexpected packet; this side closed the connection. */
        PROTOCOL_ERROR,
        /** A fault inside this client (a bug); the connection was closed to stay consistent. */
        INTERNAL_ERROR
    }

    /** True when the end was not asked for by this side, so a sink would reconnect. */
    public boolean unexpected() {
        return cause != Cause.CLIENT;
    }

    /**
     * True when the broker closed the connection between two packets without saying why: what an MQTT 3.1.1 broker does
     * when another client connects with the same client id, or when it refuses what the client did.
     */
    public boolean closedWithoutReason() {
        return cause == Cause.CONNECTION_LOST && error == null;
    }

    @Override
    public String toString() {
        return cause + " (" + MqttReasonCodes.describe(reasonCode) + "): " + reason;
    }
}
