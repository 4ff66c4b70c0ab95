package dev.ferry.source.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import dev.ferry.api.Reading;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.schedule.ScheduledSource;
import dev.ferry.runtime.schedule.SourceScheduler;
import dev.ferry.runtime.time.Ticker;
import dev.ferry.source.simulated.internal.SimulatedSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The simulated source driven by the real scheduler in real time: a device that always hangs harms no other. */
class SimulatedUnderSchedulerTest {

    @Test
    void aSimulatedSourceThatAlwaysHangsLeavesAFastOneProducing() {
        List<Reading> appended = new CopyOnWriteArrayList<>();
        HealthRegistry health = new HealthRegistry(Ticker.system());
        SourceScheduler scheduler = new SourceScheduler(readings -> {
            appended.addAll(readings);
            return CompletableFuture.completedFuture(null);
        }, health);
        SourceSettings fastSettings = settings(Duration.ofMillis(20), Duration.ofSeconds(1));
        SourceSettings hungSettings = settings(Duration.ofMillis(20), Duration.ofMillis(100));
        SimulatedConfig fast = new SimulatedConfig(1, List.of());
        SimulatedConfig hung = new SimulatedConfig(1, List.of(new SignalConfig("value", Shape.SINE, 1, Duration.ofMinutes(1),
                0, 1, "", new FaultConfig(0, 1, Duration.ofHours(1), 0))));
        scheduler.start(new ScheduledSource("fast", fastSettings, new SimulatedSource("fast", fast, Ticker.system().clock())));
        scheduler.start(new ScheduledSource("hung", hungSettings, new SimulatedSource("hung", hung, Ticker.system().clock())));
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(appended.stream().filter(r -> r.source().equals("fast")).count()).isGreaterThanOrEqualTo(20);
                Health hungHealth = health.health("source hung").orElseThrow();
                assertThat(hungHealth.state()).isEqualTo(HealthState.DEGRADED);
                assertThat(hungHealth.reason()).isEqualTo("read timed out after 100ms");
            });
            assertThat(appended).noneMatch(r -> r.source().equals("hung"));
            assertThat(scheduler.stats("hung").orElseThrow().timeouts()).isPositive();
            assertThat(health.health("source fast").orElseThrow().state()).isEqualTo(HealthState.UP);
        } finally {
            assertThat(scheduler.stopAll(Duration.ofSeconds(10))).isTrue();
        }
    }

    private static SourceSettings settings(Duration interval, Duration timeout) {
        return new SourceSettings("simulated", interval, Duration.ZERO, timeout, Map.of(), 10, Duration.ofMinutes(1));
    }
}
