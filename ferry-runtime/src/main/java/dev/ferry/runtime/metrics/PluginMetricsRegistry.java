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
 * The figures plugins offered through {@link PluginMetrics}, one {@link ComponentMetrics} per component instance,
 * read only when {@link #collect()} is called. Thread-safe.
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

    private interface Collector {
        void collect(List<Series> into);
    }

    private final CopyOnWriteArrayList<ComponentMetrics> components = new CopyOnWriteArrayList<>();

    /**
     * The figures of one instance of a component, shown from {@link #activate()} until {@link #close()}. A reload
     * creates the new instance of a changed component while the old one still runs, and activates its figures only
     * once the old one's are gone, so no series is ever shown twice.
     */
    public final class ComponentMetrics implements PluginMetrics, AutoCloseable {

        private final String kind;
        private final String name;
        private final String prefix;
        private final List<Collector> collectors = new CopyOnWriteArrayList<>();

        private ComponentMetrics(String kind, String type, String name) {
            this.kind = kind;
            this.name = name;
            this.prefix = "ferry_" + kind + "_" + type.replace('-', '_') + "_";
        }

        @Override
        public void counter(String family, String help, LongSupplier value) {
            collectors.add(into -> into.add(new Series(prefix + family, help, Kind.COUNTER, Map.of(kind, name),
                    value.getAsLong())));
        }

        @Override
        public void counters(String family, String help, String label, Supplier<Map<String, Long>> values) {
            collectors.add(into -> values.get().forEach((key, count) -> into.add(
                    new Series(prefix + family, help, Kind.COUNTER, Map.of(kind, name, label, key), count))));
        }

        @Override
        public void gauge(String family, String help, DoubleSupplier value) {
            collectors.add(into -> into.add(new Series(prefix + family, help, Kind.GAUGE, Map.of(kind, name),
                    value.getAsDouble())));
        }

        /** Shows this instance's figures; idempotent. */
        public void activate() {
            components.addIfAbsent(this);
        }

        /** Stops showing them: the instance was stopped. */
        @Override
        public void close() {
            components.remove(this);
        }
    }

    /**
     * The {@link PluginMetrics} of one component, shown at once.
     *
     * @param kind {@code source} or {@code sink}
     * @param type the plugin's type, e.g. {@code coap}
     * @param name the component's configured name
     */
    public ComponentMetrics forComponent(String kind, String type, String name) {
        ComponentMetrics metrics = staged(kind, type, name);
        metrics.activate();
        return metrics;
    }

    /** As {@link #forComponent}, shown only once {@link ComponentMetrics#activate()} is called. */
    public ComponentMetrics staged(String kind, String type, String name) {
        return new ComponentMetrics(kind, type, name);
    }

    /** Reads every shown figure now. */
    public List<Series> collect() {
        List<Series> series = new ArrayList<>();
        for (ComponentMetrics component : components) {
            for (Collector collector : component.collectors) {
                collector.collect(series);
            }
        }
        return series;
    }
}
