package dev.ferry.mqtt;

/** The MQTT protocol versions this client speaks. */
public enum MqttVersion {
    /** MQTT 3.1.1 (protocol level 4): no properties, no reason codes on acknowledgements. */
    V3_1_1(4),
    /** MQTT 5 (protocol level 5): properties, reason codes and reason strings. */
    V5(5);

    private final int protocolLevel;

    MqttVersion(int protocolLevel) {
        this.protocolLevel = protocolLevel;
    }

    /** The protocol level byte of CONNECT. */
    public int protocolLevel() {
        return protocolLevel;
    }
}
