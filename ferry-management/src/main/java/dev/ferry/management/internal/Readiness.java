package dev.ferry.management.internal;

import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the agent is ready: every source and sink UP, or every one of those the config names in
 * {@code management.ready_requires}. A component that is not ready is named with its state, reason and since-when.
 */
public final class Readiness {

    private Readiness() {}

    /** The components that keep the agent from being ready, by name; empty when it is ready. */
    public static Map<String, Health> notReady(Map<String, Health> components, Instant now, List<String> required) {
        Map<String, Health> failing = new LinkedHashMap<>();
        components.forEach((component, health) -> {
            boolean counted = required.isEmpty() ? component.startsWith("source ") || component.startsWith("sink ")
                    : required.contains(component);
            if (counted && health.state() != HealthState.UP) {
                failing.put(component, health);
            }
        });
        for (String component : required) {
            if (!components.containsKey(component)) {
                failing.put(component, new Health(HealthState.DOWN, "no such component in this agent", now));
            }
        }
        return failing;
    }
}
