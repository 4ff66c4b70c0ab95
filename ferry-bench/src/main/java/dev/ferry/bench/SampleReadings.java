package dev.ferry.bench;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Readings as a boiler's temperature sensor would send them: one metric, a floating-point value in degrees
 * Celsius, two short tags, a timestamp 100 ms after the previous one. Their encoded size is what a real
 * deployment stores, so bytes-per-reading figures carry over.
 */
final class SampleReadings {

    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final Map<String, String> TAGS = Map.of("site", "plant-3", "line", "2");

    private SampleReadings() {}

    /** The {@code index}-th reading of the series. */
    static Reading reading(long index) {
        // A slow sawtooth between 60.0 and 79.9 °C: varied enough that no encoder gets a free ride.
        double celsius = 60.0 + (index % 200) / 10.0;
        Instant time = START.plus(INTERVAL.multipliedBy(index));
        return new Reading("boiler", "temperature", new Value.Num(celsius), "Cel", time, TAGS);
    }

    /** {@code count} consecutive batches of {@code size} readings, the first starting at reading 0. */
    static List<List<Reading>> batches(int count, int size) {
        List<List<Reading>> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<Reading> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(reading((long) b * size + i));
            }
            batches.add(List.copyOf(batch));
        }
        return List.copyOf(batches);
    }
}
