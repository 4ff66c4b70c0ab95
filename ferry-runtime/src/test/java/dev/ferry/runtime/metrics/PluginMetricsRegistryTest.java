package dev.ferry.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.PluginMetrics;
import dev.ferry.runtime.metrics.PluginMetricsRegistry.Kind;
import dev.ferry.runtime.metrics.PluginMetricsRegistry.Series;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plugins' figures are named after the plugin, labelled with the component, and read only when collected. */
class PluginMetricsRegistryTest {

    @Test
    void figuresAreReadAtCollectionAndNamedAfterThePlugin() {
        PluginMetricsRegistry registry = new PluginMetricsRegistry();
        AtomicLong requests = new AtomicLong();
        Map<String, Long> byTenant = new TreeMap<>();
        PluginMetrics metrics = registry.forComponent("source", "coap", "devices");
        metrics.counter("requests", "Requests.", requests::get);
        metrics.counters("stored_readings", "Readings by tenant.", "tenant", () -> byTenant);
        registry.forComponent("sink", "mqtt", "cloud").gauge("in_flight_window", "Window.", () -> 20);

        requests.set(7);
        byTenant.put("acme", 3L);
        byTenant.put("beta", 4L);

        assertThat(registry.collect()).containsExactly(
                new Series("ferry_source_coap_requests", "Requests.", Kind.COUNTER, Map.of("source", "devices"), 7),
                new Series("ferry_source_coap_stored_readings", "Readings by tenant.", Kind.COUNTER,
                        Map.of("source", "devices", "tenant", "acme"), 3),
                new Series("ferry_source_coap_stored_readings", "Readings by tenant.", Kind.COUNTER,
                        Map.of("source", "devices", "tenant", "beta"), 4),
                new Series("ferry_sink_mqtt_in_flight_window", "Window.", Kind.GAUGE, Map.of("sink", "cloud"), 20));
    }
}
