package dev.ferry.mqtt;

import dev.ferry.api.Nullable;
import java.time.Duration;
import java.util.Map;

/**
 * What the broker granted in CONNACK. With MQTT 3.1.1, which has no CONNACK properties, the limits are the
 * specification's defaults narrowed to what this client supports.
 *
 * @param sessionPresent the broker resumed an existing session
 * @param receiveMaximum how many QoS 1 publishes the broker accepts in flight (65,535 when it did not say)
 * @param maximumQos the highest QoS the broker accepts from us: 0 or 1
 * @param retainAvailable whether the broker accepts retained messages
 * @param maximumPacketSize the largest packet the broker accepts, in bytes ({@link MqttConnectOptions#LARGEST_PACKET}
 *     when it did not say); a larger PUBLISH fails with reason 0x95 before it is sent
 * @param assignedClientId the client id the broker assigned when we sent an empty one, or null
 * @param keepAlive the keep-alive in force: the broker's server keep-alive when it sent one, else ours
 * @param reasonString the broker's MQTT 5 reason string, or null
 * @param userProperties the broker's MQTT 5 user properties
 */
public record ConnackInfo(boolean sessionPresent, int receiveMaximum, int maximumQos, boolean retainAvailable,
        long maximumPacketSize, @Nullable String assignedClientId, Duration keepAlive, @Nullable String reasonString,
        Map<String, String> userProperties) {}
