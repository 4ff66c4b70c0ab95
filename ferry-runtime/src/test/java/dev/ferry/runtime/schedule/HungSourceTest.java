package dev.ferry.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.retry.HighestRandom;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.ManualTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A read that hangs costs its own source a timeout and never costs any other source a reading. */
class HungSourceTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Instant t0 = ticker.now();
    /** On a ticker of its own: the registry's timer for held-back log lines must not count among the sleepers. */
    private final HealthRegistry health = new HealthRegistry(new ManualTicker());
    private final RecordingAppender appender = new RecordingAppender();
    private final SourceScheduler scheduler =
            new SourceScheduler(appender, health, ticker, new SplittableRandom(1), RetryPolicy.DEFAULT);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        scheduler.stopAll(Duration.ofSeconds(10));
    }

    @Test
    void aFastSourceKeepsItsRateBesideOneHungForGood() throws Exception {
        ScriptedSource fast = ScriptedSource.counting();
        scheduler.start(new ScheduledSource("fast", Settings.defaults().build(), fast));
        scheduler.start(new ScheduledSource("hung", Settings.defaults().build(), ScriptedSource.stuckUntil(release)));

        for (int second = 1; second <= 12; second++) {
            awaitReadings("fast", second);
            ticker.awaitWaiters(2);
            ticker.advance(Duration.ofSeconds(1));
        }
        awaitReadings("fast", 13);

        assertThat(fast.polls).containsExactlyElementsOf(
                IntStream.rangeClosed(0, 12).mapToObj(t0::plusSeconds).toList());
        assertThat(appender.of("fast")).hasSize(13);
        assertThat(health.health("source fast").orElseThrow().state()).isEqualTo(HealthState.UP);

        SourceStats hung = scheduler.stats("hung").orElseThrow();
        assertThat(hung.reads()).as("one poll in flight at most").isEqualTo(1);
        assertThat(hung.timeouts()).isEqualTo(1);
        assertThat(hung.skipped()).isPositive();
        assertThat(hung.readings()).isZero();
        Health hungHealth = health.health("source hung").orElseThrow();
        assertThat(hungHealth.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(hungHealth.reason()).startsWith("read timed out after 5s");
    }

    @Test
    void aReadThatHangsUntilInterruptedTimesOutAndTheSourceRecovers() throws Exception {
        List<String> changes = new CopyOnWriteArrayList<>();
        health.addListener((component, previous, current) -> {
            if (previous != null) {
                changes.add(current.toString());
            }
        });
        ScriptedSource flaky = new ScriptedSource((n, now) -> {
            if (n <= 2) {
                new CountDownLatch(1).await(); // hangs until interrupted
            }
            return List.of(ScriptedSource.reading("value", n, now));
        });
        RunnerContext context = new RunnerContext(appender, health.reporter("source flaky"), ticker, new HighestRandom(),
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        SourceRunner runner = SourceRunner.create(
                new ScheduledSource("flaky", Settings.defaults().timeout(Duration.ofSeconds(2)).build(), flaky), context);
        runner.start();
        try {
            List<Instant> wakeUps = new ArrayList<>();
            for (int step = 0; step < 4; step++) { // two hung reads: each a timeout, then a backoff sleep
                ticker.awaitWaiters(1);
                Instant next = ticker.nextDeadline().orElseThrow();
                wakeUps.add(next);
                ticker.advanceTo(next);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> appender.of("flaky").size() == 1);

            assertThat(wakeUps).containsExactly(t0.plusSeconds(2), t0.plusSeconds(3), t0.plusSeconds(5), t0.plusSeconds(6));
            assertThat(flaky.deadlines).as("read started + 2s timeout")
                    .containsExactly(t0.plusSeconds(2), t0.plusSeconds(5), t0.plusSeconds(8));
            assertThat(runner.stats().counts()).isEqualTo(new SourceStats(3, 1, 0, 2, 0, 0, 0, 0, null));
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() == 2);
            assertThat(changes).containsExactly("DEGRADED (read timed out after 2s)", "UP");
        } finally {
            assertThat(runner.stop(Duration.ofSeconds(10))).isTrue();
        }
    }

    private void awaitReadings(String source, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> appender.of(source).size() >= count);
    }
}
