package dev.ferry.management.dashboard;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.log.LogStats;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.SinkRunner;
import dev.ferry.runtime.schedule.SourceStats;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a {@link Sample} of a running agent from the figures its parts keep anyway (the log's stats, each sink's
 * and source's counters, each source's newest batch of readings); it reads neither the log nor the disk.
 */
final class Samples {

    private Samples() {}

    static Sample of(Agent agent, Instant time) {
        Map<SeriesKey, Double> values = new LinkedHashMap<>();
        Map<SeriesKey, String> units = new HashMap<>();
        LogStats log = agent.log().stats();
        values.put(SeriesKey.log("readings"), (double) log.retainedReadings());
        for (SinkRunner sink : agent.sinks()) {
            String name = sink.name();
            values.put(SeriesKey.sink(name, "acknowledged"), (double) sink.stats().sentEntries());
            LogStats.CursorStats cursor = log.cursors().get(name);
            if (cursor != null) {
                values.put(SeriesKey.sink(name, "lag_readings"), (double) cursor.lag());
                Duration age = cursor.oldestUnsentAge();
                values.put(SeriesKey.sink(name, "oldest_unsent_age_seconds"), age == null ? 0 : age.toMillis() / 1000.0);
            }
        }
        for (Map.Entry<String, SourceStats> source : agent.sources().stats().entrySet()) {
            values.put(SeriesKey.source(source.getKey(), "readings"), (double) source.getValue().readings());
        }
        agent.sources().lastReadings().forEach((source, readings) -> addValues(source, readings, values, units));
        return new Sample(time, values, units);
    }

    private static void addValues(String source, List<Reading> readings, Map<SeriesKey, Double> values,
            Map<SeriesKey, String> units) {
        for (Reading reading : readings) {
            Double number = number(reading.value());
            if (number != null) {
                SeriesKey key = SeriesKey.value(source, reading.metric());
                values.put(key, number);
                if (!reading.unit().isEmpty()) {
                    units.put(key, reading.unit());
                }
            }
        }
    }

    /** The value as a number a chart can draw: booleans as 0 and 1; text and bytes as none. */
    static @Nullable Double number(Value value) {
        return switch (value) {
            case Value.Num num -> Double.isFinite(num.value()) ? num.value() : null;
            case Value.Int i -> (double) i.value();
            case Value.Bool b -> b.value() ? 1.0 : 0.0;
            case Value.Text text -> null;
            case Value.Bytes bytes -> null;
        };
    }
}
