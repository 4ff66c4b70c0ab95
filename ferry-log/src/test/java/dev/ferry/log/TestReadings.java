package dev.ferry.log;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Readings for tests: each one tells which seq it was meant for, so a mix-up shows in the assertion. */
final class TestReadings {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456789Z");

    private TestReadings() {}

    /** The realistic reading the format's overhead target is stated for. */
    static Reading boiler(long n) {
        return new Reading("boiler", "temperature", new Value.Num(20 + n % 50 / 10.0), "Cel", T0.plusMillis(n),
                Map.of("site", "north", "line", "3"));
    }

    static List<Reading> boilers(long from, int count) {
        List<Reading> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(boiler(from + i));
        }
        return list;
    }

    static Reading numbered(long n) {
        return new Reading("src", "m", new Value.Int(n), "", T0.plusNanos(n), Map.of());
    }

    static List<Reading> numbered(long from, int count) {
        List<Reading> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(numbered(from + i));
        }
        return list;
    }
}
