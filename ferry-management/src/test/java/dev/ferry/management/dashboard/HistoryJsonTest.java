package dev.ferry.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of {@code /history}: columns beside {@code time}, nulls for gaps, and a bounded {@code latest}. */
class HistoryJsonTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static String json(HistoryRing ring, Map<String, List<Reading>> latest) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryJson.write(ring.all(), Duration.ofSeconds(10), ring.capacity(), latest, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesEachSeriesAsAColumnBesideTheTimes() throws Exception {
        HistoryRing ring = new HistoryRing(4);
        SeriesKey temperature = SeriesKey.value("boiler", "temperature");
        ring.add(new Sample(START, Map.of(SeriesKey.log("readings"), 10.0, SeriesKey.sink("cloud", "lag_readings"), 3.0,
                SeriesKey.source("boiler", "readings"), 7.0, temperature, 71.5), Map.of(temperature, "Cel")));
        ring.add(new Sample(START.plusSeconds(10), Map.of(SeriesKey.log("readings"), 12.0), Map.of()));

        assertThat(json(ring, Map.of())).isEqualTo("{\"interval_seconds\":10,\"capacity\":4,"
                + "\"time\":[1735689600.000,1735689610.000],\"log\":{\"readings\":[10,12]},"
                + "\"sinks\":{\"cloud\":{\"lag_readings\":[3,null]}},"
                + "\"sources\":{\"boiler\":{\"readings\":[7,null],"
                + "\"values\":{\"temperature\":{\"unit\":\"Cel\",\"points\":[71.5,null]}}}},\"latest\":{}}");
    }

    @Test
    void latestHoldsTheNewestReadingOfEachMetricForABoundedNumberOfMetrics() throws Exception {
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(Reading.of("devices", "metric-" + (i % 20), Value.of(i), "", START.plusSeconds(i)));
        }
        String json = json(new HistoryRing(1), Map.of("devices", batch));

        assertThat(json.split("\"metric\":", -1)).hasSize(HistoryRing.MAX_METRICS_PER_SOURCE + 1);
        assertThat(json).contains("{\"metric\":\"metric-0\",\"value\":20,").doesNotContain("\"value\":0,");
    }
}
