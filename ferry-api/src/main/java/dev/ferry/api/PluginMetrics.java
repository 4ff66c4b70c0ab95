package dev.ferry.api;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where a plugin offers figures of its own to the agent's metrics, without writing any exposition: it registers what
 * to read once, at creation, and the runtime reads the suppliers only when metrics are collected (a scrape, a status
 * request), so a counter the plugin already keeps costs nothing more. The runtime names each family after the
 * plugin ({@code ferry_source_coap_requests_total}) and labels every series with the component's name
 * ({@code source="devices"}); {@code name} is snake_case, without {@code ferry_}, the plugin's type or
 * {@code _total}, and ends with the unit where there is one ({@code _seconds}, {@code _bytes}).
 *
 * <p>Suppliers are called from any thread and must be quick and never block.
 */
public interface PluginMetrics {

    /** A count that only grows. */
    void counter(String name, String help, LongSupplier value);

    /** A family of counts keyed by one label, e.g. requests by response code or readings by tenant. */
    void counters(String name, String help, String label, Supplier<Map<String, Long>> values);

    /** A value that goes up and down. */
    void gauge(String name, String help, DoubleSupplier value);

    /** For plugins created without an agent (tests, {@code ferry check}): keeps nothing. */
    PluginMetrics NONE = new PluginMetrics() {
        @Override
        public void counter(String name, String help, LongSupplier value) {}

        @Override
        public void counters(String name, String help, String label, Supplier<Map<String, Long>> values) {}

        @Override
        public void gauge(String name, String help, DoubleSupplier value) {}
    };
}
