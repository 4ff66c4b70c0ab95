package dev.ferry.source.opcua;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small builders of configs for the tests. */
final class Configs {

    private Configs() {}

    static OpcUaConfig anonymous(String endpoint, List<ItemConfig> items) {
        return new OpcUaConfig(endpoint, SecurityPolicy.NONE, null, List.of(), false, null, null, null,
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1), items);
    }

    static OpcUaConfig secured(String endpoint, SecurityMode mode, List<ItemConfig> items) {
        return new OpcUaConfig(endpoint, SecurityPolicy.BASIC256SHA256, mode, List.of(), false, null, null, null,
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1), items);
    }

    static OpcUaConfig withUser(OpcUaConfig c, String username, String password, List<String> trustedCerts) {
        return new OpcUaConfig(c.endpoint(), c.securityPolicy(), c.securityMode(), trustedCerts, c.trustAllServers(),
                c.applicationUri(), username, password, c.publishingInterval(), c.pollInterval(), c.requestTimeout(),
                c.sessionTimeout(), c.items());
    }

    static ItemConfig subscribed(String node, String metric) {
        return new ItemConfig(node, metric, null, Map.of(), ItemMode.SUBSCRIBE, Duration.ofMillis(50), 10, null);
    }

    static ItemConfig polled(String node, String metric) {
        return new ItemConfig(node, metric, null, Map.of(), ItemMode.POLL, null, 1, null);
    }

    static ItemConfig deadband(String node, String metric, double absolute) {
        return new ItemConfig(node, metric, null, Map.of(), ItemMode.SUBSCRIBE, Duration.ofMillis(50), 10,
                new DeadbandConfig(absolute, null));
    }
}
