package dev.ferry.mqtt;

import dev.ferry.mqtt.internal.Topics;

/**
 * One topic filter to subscribe to.
 *
 * @param filter a topic filter; {@code +} and {@code #} wildcards allowed where the specification allows them
 * @param maxQos the highest QoS the broker may deliver with: 0 or 1 (this client does not take part in QoS 2)
 */
public record Subscription(String filter, int maxQos) {

    public Subscription {
        Topics.checkFilter(filter);
        if (maxQos < 0 || maxQos > 1) {
            throw new IllegalArgumentException("subscription to '" + filter + "': QoS must be 0 or 1, was " + maxQos);
        }
    }
}
