package dev.ferry.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Health;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.runtime.time.ManualTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private final ManualTicker ticker = new ManualTicker();
    private final HealthRegistry registry = new HealthRegistry(ticker);

    @Test
    void aNewComponentIsStarting() {
        registry.reporter("source boiler");
        assertThat(registry.health("source boiler")).contains(new Health(HealthState.STARTING, "", ticker.now()));
        assertThat(registry.health("source other")).isEmpty();
    }

    @Test
    void eachChangeIsLoggedOnceAndRepeatsAreSilent() {
        HealthReporter boiler = registry.reporter("source boiler");
        try (LogCapture log = new LogCapture()) {
            boiler.report(HealthState.DEGRADED, "read timed out after 5s");
            boiler.report(HealthState.DEGRADED, "read timed out after 5s");
            ticker.advance(Duration.ofMinutes(2));
            boiler.up();
            boiler.up();

            assertThat(log.linesContaining("source boiler:")).hasSize(2);
            assertThat(log.linesContaining("WARN")).singleElement().asString()
                    .contains("WARN").endsWith("source boiler: DEGRADED (read timed out after 5s)");
            assertThat(log.linesContaining("INFO")).singleElement().asString().contains("INFO").endsWith("source boiler: UP");
        }
    }

    @Test
    void aFlappingComponentIsLoggedOnceAMinuteWithACountWhileItsHealthChangesAtOnce() {
        HealthReporter boiler = registry.reporter("source boiler");
        boiler.up();
        ticker.advance(Duration.ofMinutes(5));
        try (LogCapture log = new LogCapture()) {
            for (int second = 0; second < 55; second += 5) {   // one read in five fails, one read a second
                boiler.report(HealthState.DEGRADED, "read timed out after 5s");
                assertThat(registry.health("source boiler").orElseThrow().state()).isEqualTo(HealthState.DEGRADED);
                ticker.advance(Duration.ofSeconds(1));
                boiler.up();
                assertThat(registry.health("source boiler").orElseThrow().state()).isEqualTo(HealthState.UP);
                ticker.advance(Duration.ofSeconds(4));
            }
            assertThat(log.linesContaining("source boiler:")).singleElement().asString()
                    .contains("WARN").endsWith("source boiler: DEGRADED (read timed out after 5s)");

            ticker.advance(Duration.ofSeconds(5));   // a minute after that first line, with nothing more reported

            await().atMost(Duration.ofSeconds(10)).until(() -> log.linesContaining("source boiler:").size() == 2);
            assertThat(log.linesContaining("source boiler:").getLast()).contains("WARN")
                    .endsWith("source boiler: DEGRADED (read timed out after 5s); 21 changes in the last 1m, now UP");
        }
    }

    @Test
    void aChangeAfterAQuietMinuteIsLoggedAtOnce() {
        HealthReporter boiler = registry.reporter("source boiler");
        try (LogCapture log = new LogCapture()) {
            boiler.report(HealthState.DOWN, "device absent");
            ticker.advance(Duration.ofSeconds(61));
            boiler.up();

            List<String> lines = log.linesContaining("source boiler:");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("WARN").endsWith("source boiler: DOWN (device absent)");
            assertThat(lines.get(1)).contains("INFO").endsWith("source boiler: UP");
        }
    }

    @Test
    void aStopIsLoggedAtOnceWithTheChangesHeldBack() {
        HealthReporter boiler = registry.reporter("source boiler");
        try (LogCapture log = new LogCapture()) {
            boiler.report(HealthState.DEGRADED, "read timed out after 5s");
            ticker.advance(Duration.ofSeconds(10));
            boiler.up();
            ticker.advance(Duration.ofSeconds(10));
            boiler.report(HealthState.STOPPED, "");

            assertThat(log.linesContaining("source boiler:")).hasSize(2).last().asString()
                    .contains("INFO").endsWith("source boiler: UP; 2 changes in the last 20s, now STOPPED");
        }
    }

    @Test
    void sinceIsTheTimeOfTheChangeNotOfTheLatestRepeat() {
        HealthReporter boiler = registry.reporter("source boiler");
        Instant changedAt = ticker.now().plusSeconds(1);
        ticker.advance(Duration.ofSeconds(1));
        boiler.report(HealthState.DEGRADED, "device absent");
        ticker.advance(Duration.ofSeconds(1));
        boiler.report(HealthState.DEGRADED, "device absent");
        assertThat(registry.health("source boiler").orElseThrow().since()).isEqualTo(changedAt);
    }

    @Test
    void aNewReasonIsAChange() {
        HealthReporter boiler = registry.reporter("source boiler");
        List<Health> heard = new ArrayList<>();
        registry.addListener((component, previous, current) -> heard.add(current));
        boiler.report(HealthState.DEGRADED, "read failed: connection refused");
        boiler.report(HealthState.DEGRADED, "read failed: no route to host");
        assertThat(heard).extracting(Health::reason)
                .containsExactly("read failed: connection refused", "read failed: no route to host");
    }

    @Test
    void listenersHearRegistrationsAndChangesWithThePreviousHealth() {
        List<String> heard = new ArrayList<>();
        registry.addListener((component, previous, current) -> heard.add(component + " " + previous + " -> " + current));
        HealthReporter sink = registry.reporter("sink upstream");
        sink.up();
        sink.up();
        sink.report(HealthState.DOWN, "certificate expired");
        assertThat(heard).containsExactly(
                "sink upstream null -> STARTING",
                "sink upstream STARTING -> UP",
                "sink upstream UP -> DOWN (certificate expired)");
    }

    @Test
    void aFailingListenerDoesNotStopTheChange() {
        registry.addListener((component, previous, current) -> {
            throw new IllegalStateException("listener bug");
        });
        HealthReporter boiler = registry.reporter("source boiler");
        boiler.up();
        assertThat(registry.health("source boiler").orElseThrow().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void theSnapshotIsSortedByName() {
        registry.reporter("source b").up();
        registry.reporter("sink a").report(HealthState.DEGRADED, "slow");
        registry.reporter("source a");
        assertThat(registry.snapshot()).containsOnlyKeys("sink a", "source a", "source b");
        assertThat(List.copyOf(registry.snapshot().keySet())).containsExactly("sink a", "source a", "source b");
        assertThat(registry.snapshot().get("sink a").state()).isEqualTo(HealthState.DEGRADED);
    }

    @Test
    void theSameNameGivesTheSameEntry() {
        registry.reporter("source boiler").up();
        registry.reporter("source boiler").report(HealthState.DOWN, "gone");
        assertThat(registry.health("source boiler").orElseThrow().state()).isEqualTo(HealthState.DOWN);
    }

    @Test
    void aRemovedComponentIsForgottenAndItsReporterDoesNothing() {
        HealthReporter boiler = registry.reporter("source boiler");
        registry.remove("source boiler");
        boiler.report(HealthState.DOWN, "late");
        assertThat(registry.health("source boiler")).isEmpty();
        assertThat(registry.snapshot()).isEmpty();
    }
}
