package dev.ferry.runtime.metrics;

import dev.ferry.api.PluginMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The figures plugins offered through {@link PluginMetrics}, one registration per component, read only when
 * {@link #collect()} is called. Thread-safe.
 */
public final class PluginMetricsRegistry {

    /** Whether a series only grows or goes up and down. */
    public enum Kind { COUNTER, GAUGE }

    /**
     * One value of one family at collection.
     *
     * @param family the full name, e.g. {@code ferry_source_coap_requests} (counters without {@code _total})
     * @param labels the component's label ({@code source} or {@code sink} and its name) and any of the family's own
     */
    public record Series(String family, String help, Kind kind, Map<String, String> labels, double value) {}

    private interface Registration {
        void collect(List<Series> into);
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    /**
     * The {@link PluginMetrics} of one component.
     *
     * @param kind {@code source} or {@code sink}
     * @param type the plugin's type, e.g. {@code coap}
     * @param name the component's configured name
     */
    public PluginMetrics forComponent(String kind, String type, String name) {
        String prefix = "ferry_" + kind + "_" + type.replace('-', '_') + "_";
        return new PluginMetrics() {
            @Override
            public void counter(String family, String help, LongSupplier value) {
                registrations.add(into -> into.add(new Series(prefix + family, help, Kind.COUNTER, Map.of(kind, name),
                        value.getAsLong())));
            }

            @Override
            public void counters(String family, String help, String label, Supplier<Map<String, Long>> values) {
                registrations.add(into -> values.get().forEach((key, count) -> into.add(new Series(prefix + family, help,
                        Kind.COUNTER, Map.of(kind, name, label, key), count))));
            }

            @Override
            public void gauge(String family, String help, DoubleSupplier value) {
                registrations.add(into -> into.add(new Series(prefix + family, help, Kind.GAUGE, Map.of(kind, name),
                        value.getAsDouble())));
            }
        };
    }

    /** Reads every registered figure now. */
    public List<Series> collect() {
        List<Series> series = new ArrayList<>();
        for (Registration registration : registrations) {
            registration.collect(series);
        }
        return series;
    }
}
