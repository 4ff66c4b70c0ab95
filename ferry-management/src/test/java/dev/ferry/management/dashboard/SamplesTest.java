package dev.ferry.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.management.RunningAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sample of a real agent holds the log, every sink and source, and each source's newest values with units. */
class SamplesTest {

    @TempDir
    Path dir;

    @Test
    void aSampleHoldsEveryComponentAndTheSourcesNewestValues() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, """
                sources:
                  boiler:
                    type: simulated
                    interval: 20ms
                    signals:
                      - {name: temperature, unit: Cel, offset: 70}
                      - {name: pressure, unit: kPa, offset: 200}
                sinks:
                  out: {type: file, path: ./out/readings.jsonl}
                """, "")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !running.agent.sources().lastReadings().get("boiler").isEmpty());
            Instant now = Instant.parse("2025-01-01T12:00:00Z");

            Sample sample = Samples.of(running.agent, now);

            assertThat(sample.time()).isEqualTo(now);
            assertThat(sample.values()).containsKeys(SeriesKey.log("readings"), SeriesKey.sink("out", "acknowledged"),
                    SeriesKey.sink("out", "lag_readings"), SeriesKey.sink("out", "oldest_unsent_age_seconds"),
                    SeriesKey.source("boiler", "readings"));
            assertThat(sample.values().get(SeriesKey.value("boiler", "temperature"))).isBetween(69.0, 71.0);
            assertThat(sample.values().get(SeriesKey.value("boiler", "pressure"))).isBetween(199.0, 201.0);
            assertThat(sample.units()).containsEntry(SeriesKey.value("boiler", "temperature"), "Cel")
                    .containsEntry(SeriesKey.value("boiler", "pressure"), "kPa");
        }
    }
}
