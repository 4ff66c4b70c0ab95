package dev.ferry.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ring keeps the newest samples in order, marks missing values, and forgets series nobody reports any more. */
class HistoryRingTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final SeriesKey HELD = SeriesKey.log("readings");
    private static final SeriesKey PUMP = SeriesKey.source("pump", "readings");

    private static Sample sample(int second, Map<SeriesKey, Double> values) {
        return new Sample(START.plusSeconds(second), values, Map.of());
    }

    @Test
    void keepsTheNewestSamplesOldestFirst() {
        HistoryRing ring = new HistoryRing(3);
        for (int i = 0; i < 5; i++) {
            ring.add(sample(i * 10, Map.of(HELD, (double) i)));
        }
        HistoryView view = ring.all();
        assertThat(view.timesMillis()).containsExactly(START.plusSeconds(20).toEpochMilli(),
                START.plusSeconds(30).toEpochMilli(), START.plusSeconds(40).toEpochMilli());
        assertThat(view.series().get(HELD)).containsExactly(2, 3, 4);
    }

    @Test
    void givesOnlyTheSamplesAfterATime() {
        HistoryRing ring = new HistoryRing(10);
        for (int i = 0; i < 4; i++) {
            ring.add(sample(i * 10, Map.of(HELD, (double) i)));
        }
        assertThat(ring.after(START.plusSeconds(10)).series().get(HELD)).containsExactly(2, 3);
        assertThat(ring.after(START.plusSeconds(30)).timesMillis()).isEmpty();
    }

    @Test
    void aSeriesMissingFromASampleIsNaNThereAndForgottenOnceItLeftTheWindow() {
        HistoryRing ring = new HistoryRing(2);
        ring.add(sample(0, Map.of(HELD, 1.0, PUMP, 5.0)));
        ring.add(sample(10, Map.of(HELD, 2.0)));
        assertThat(ring.all().series().get(PUMP)).containsExactly(5.0, Double.NaN);

        ring.add(sample(20, Map.of(HELD, 3.0)));
        assertThat(ring.all().series()).containsOnlyKeys(HELD);
    }

    @Test
    void keepsABoundedNumberOfMetricsPerSource() {
        HistoryRing ring = new HistoryRing(4);
        Map<SeriesKey, Double> many = new HashMap<>();
        for (int i = 0; i < HistoryRing.MAX_METRICS_PER_SOURCE + 5; i++) {
            many.put(SeriesKey.value("devices", "metric-" + i), (double) i);
        }
        many.put(SeriesKey.value("pump", "pressure"), 1.5);
        ring.add(sample(0, many));

        assertThat(ring.all().series().keySet()).filteredOn(key -> key.component().equals("devices"))
                .hasSize(HistoryRing.MAX_METRICS_PER_SOURCE);
        assertThat(ring.all().series()).containsKey(SeriesKey.value("pump", "pressure"));
    }

    @Test
    void keepsTheUnitOfAValueSeries() {
        HistoryRing ring = new HistoryRing(4);
        SeriesKey temperature = SeriesKey.value("boiler", "temperature");
        ring.add(new Sample(START, Map.of(temperature, 71.5), Map.of(temperature, "Cel")));
        assertThat(ring.all().units()).containsEntry(temperature, "Cel");
    }
}
