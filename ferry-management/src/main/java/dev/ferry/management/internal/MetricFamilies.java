package dev.ferry.management.internal;

import dev.ferry.api.Nullable;
import dev.ferry.log.Histogram;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects metric families for one exposition, point by point, so the code that knows a figure adds it in one line:
 * {@code counter("ferry_sink_acknowledged_readings", "...", value, "sink", name)}. Counter names are given without
 * {@code _total}, which the exposition adds; a family's unit, when it has one, ends its name, as Prometheus's naming
 * rules ask.
 */
final class MetricFamilies {

    private enum Kind { COUNTER, GAUGE }

    private record Family(Kind kind, String help, @Nullable Unit unit, List<Object> points) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    void counter(String name, String help, double value, Labels labels) {
        add(name, Kind.COUNTER, help, CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build());
    }

    void gauge(String name, String help, double value, Labels labels) {
        add(name, Kind.GAUGE, help, GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
    }

    void counter(String name, String help, double value, String... labels) {
        add(name, Kind.COUNTER, help, CounterSnapshot.CounterDataPointSnapshot.builder().value(value)
                .labels(Labels.of(labels)).build());
    }

    void gauge(String name, String help, double value, String... labels) {
        add(name, Kind.GAUGE, help, GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
    }

    private void add(String name, Kind kind, String help, Object point) {
        families.computeIfAbsent(name, n -> new Family(kind, help, unitOf(n), new ArrayList<>())).points().add(point);
    }

    private static @Nullable Unit unitOf(String name) {
        if (name.endsWith("_seconds")) {
            return Unit.SECONDS;
        }
        return name.endsWith("_bytes") ? Unit.BYTES : null;
    }

    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        families.forEach((name, family) -> {
            if (family.kind() == Kind.COUNTER) {
                CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(family.help());
                if (family.unit() != null) {
                    counter.unit(family.unit());
                }
                family.points().forEach(p -> counter.dataPoint((CounterSnapshot.CounterDataPointSnapshot) p));
                out.add(counter.build());
            } else {
                GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(family.help());
                if (family.unit() != null) {
                    gauge.unit(family.unit());
                }
                family.points().forEach(p -> gauge.dataPoint((GaugeSnapshot.GaugeDataPointSnapshot) p));
                out.add(gauge.build());
            }
        });
        return out;
    }

    static MetricSnapshot histogram(String name, String help, Histogram histogram) {
        double[] bounds = new double[histogram.upperBounds().size()];
        long[] counts = new long[bounds.length];
        long previous = 0;
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = histogram.upperBounds().get(i);
            counts[i] = histogram.cumulativeCounts().get(i) - previous;   // the model wants counts per bucket
            previous = histogram.cumulativeCounts().get(i);
        }
        HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
        if (unitOf(name) != null) {
            builder.unit(unitOf(name));
        }
        return builder.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(histogram.sum()).build())
                .build();
    }

    static MetricSnapshot info(String name, String help, String... labels) {
        return InfoSnapshot.builder().name(name).help(help)
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(labels)).build()).build();
    }
}
