package dev.ferry.mqtt;

import java.io.IOException;

/**
 * The connection ended before an operation completed: a publish not yet acknowledged, a subscribe not yet answered.
 * Whether the broker got a QoS 1 message is unknown; send it again on a new connection (at least once).
 */
public final class MqttConnectionLostException extends IOException {

    private final DisconnectInfo disconnect;

    public MqttConnectionLostException(DisconnectInfo disconnect) {
        super("MQTT connection ended before the broker acknowledged: " + disconnect, disconnect.error());
        this.disconnect = disconnect;
    }

    public DisconnectInfo disconnect() {
        return disconnect;
    }
}
