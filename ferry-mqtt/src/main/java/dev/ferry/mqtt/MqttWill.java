package dev.ferry.mqtt;

import java.time.Duration;

/**
 * The message the broker publishes on the client's behalf when the connection ends without a normal DISCONNECT
 * (a crash, a lost network, a keep-alive timeout).
 *
 * @param message topic, payload (at most 65,535 bytes), QoS, retain flag and, with MQTT 5, its properties
 * @param delay MQTT 5 will delay interval: how long the broker waits before publishing it (whole seconds);
 *     {@link Duration#ZERO} publishes at once; not sent with MQTT 3.1.1
 */
public record MqttWill(MqttPublish message, Duration delay) {

    public MqttWill {
        if (message.payload().length > 0xFFFF) {
            throw new IllegalArgumentException("will on '" + message.topic() + "': payload must be at most 65535 bytes, was "
                    + message.payload().length);
        }
        if (delay.isNegative() || delay.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("will on '" + message.topic() + "': delay must be 0 to 4294967295 seconds, was " + delay);
        }
    }

    /** A will published at once. */
    public static MqttWill of(MqttPublish message) {
        return new MqttWill(message, Duration.ZERO);
    }
}
