package dev.ferry.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One measurement as a source produced it. It has no identity yet: the durable log gives it a sequence
 * number at append, and from then on it travels as a {@link StoredReading} with a {@link ReadingId}.
 *
 * @param source the configured name of the source that produced it
 * @param metric what was measured, e.g. {@code temperature}
 * @param unit the unit of the value, e.g. {@code Cel}; empty when the value has none
 * @param time when it was measured
 * @param tags extra labels (site, line, device serial); iteration order is kept
 */
public record Reading(String source, String metric, Value value, String unit, Instant time, Map<String, String> tags) {

    public Reading {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(time, "time");
        tags = OrderedTags.copyOf(tags);
    }

    /**
     * Tags as a reading keeps them, from names and values in turn ({@code "site", "north", "line", "3"}): readings
     * given the same such map share it, where any other map is copied into each.
     */
    public static Map<String, String> tags(String... namesAndValues) {
        return OrderedTags.ofPairs(namesAndValues);
    }

    public static Reading of(String source, String metric, Value value, String unit, Instant time) {
        return new Reading(source, metric, value, unit, time, Map.of());
    }
}
