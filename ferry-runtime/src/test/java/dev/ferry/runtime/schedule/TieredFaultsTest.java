package dev.ferry.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.api.MalformedDataException;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.health.LogCapture;
import dev.ferry.runtime.retry.HighestRandom;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transient faults back off and recover; malformed data quarantines; unexpected exceptions are bugs told once. */
class TieredFaultsTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Instant t0 = ticker.now();
    /** On a ticker of its own: the registry's timer for held-back log lines must not count among the sleepers. */
    private final HealthRegistry health = new HealthRegistry(new ManualTicker());
    private final RecordingAppender appender = new RecordingAppender();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final List<SourceRunner> runners = new CopyOnWriteArrayList<>();
    private LogCapture log;

    @BeforeEach
    void listen() {
        health.addListener((component, previous, current) -> {
            if (previous != null && current.state() != HealthState.STOPPED) {
                changes.add(component + ": " + current);
            }
        });
        log = new LogCapture();
    }

    @AfterEach
    void stop() {
        runners.forEach(r -> r.stop(Duration.ofSeconds(10)));
        log.close();
    }

    @Test
    void aFailingSourceBacksOffExponentiallyThenRecoversToUp() throws Exception {
        ScriptedSource flaky = new ScriptedSource((n, now) -> {
            if (n <= 5) {
                throw new IOException("connection refused");
            }
            return List.of(ScriptedSource.reading("value", n, now));
        });
        SourceRunner runner = start("flaky", Settings.defaults().interval(Duration.ofMillis(500)), flaky,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8)));

        stepUntil(() -> flaky.polled() == 7, 1);

        assertThat(flaky.polls).containsExactly(t0, at(1), at(3), at(7), at(15), at(23), at(23.5));
        assertThat(runner.stats().counts()).isEqualTo(new SourceStats(7, 2, 5, 0, 0, 0, 0, 0, null));
        awaitChanges(2);
        assertThat(changes).containsExactly("source flaky: DEGRADED (read failed: connection refused)", "source flaky: UP");
        assertThat(log.stackTraceLines()).as("an I/O error is expected: no stack trace").isEmpty();
    }

    @Test
    void repeatedMalformedDataQuarantinesProbesSlowlyAndRecoversWhileANeighbourIsUnaffected() throws Exception {
        ScriptedSource garbled = new ScriptedSource((n, now) -> {
            if (n <= 5) {
                throw new MalformedDataException("frame " + n + " has a bad checksum");
            }
            return List.of(ScriptedSource.reading("value", n, now));
        });
        ScriptedSource neighbour = ScriptedSource.counting();
        Settings settings = Settings.defaults().quarantine(3, Duration.ofMinutes(1));
        SourceRunner runner = start("garbled", settings, garbled, RetryPolicy.DEFAULT);
        start("neighbour", settings, neighbour, RetryPolicy.DEFAULT);

        stepUntil(() -> garbled.polled() == 7, 2);

        assertThat(garbled.polls).containsExactly(t0, at(1), at(2), at(62), at(122), at(182), at(183));
        assertThat(runner.stats().counts()).isEqualTo(new SourceStats(7, 2, 0, 0, 5, 0, 0, 1, null));
        assertThat(neighbour.polled()).isEqualTo(184);
        assertThat(appender.of("neighbour")).hasSize(184);
        awaitChanges(3);
        assertThat(changes).containsExactly(
                "source neighbour: UP",
                "source garbled: QUARANTINED (quarantined after 3 malformed reads in a row: frame 3 has a bad checksum)",
                "source garbled: UP");
        assertThat(log.linesContaining("malformed")).hasSize(3);
        assertThat(log.linesContaining("source garbled: malformed data: frame 1 has a bad checksum")).hasSize(1);
        assertThat(log.linesContaining("source garbled: good data again after 5 malformed reads in a row")).hasSize(1);
        assertThat(log.stackTraceLines()).isEmpty();
    }

    @Test
    void aShortRunOfMalformedDataIsCountedButLeavesTheSourceUp() throws Exception {
        ScriptedSource hiccup = new ScriptedSource((n, now) -> {
            if (n == 2 || n == 3) {
                throw new MalformedDataException("short frame");
            }
            return List.of(ScriptedSource.reading("value", n, now));
        });
        SourceRunner runner = start("hiccup", Settings.defaults().quarantine(3, Duration.ofMinutes(1)), hiccup, RetryPolicy.DEFAULT);

        stepUntil(() -> hiccup.polled() == 5, 1);

        assertThat(hiccup.polls).containsExactly(t0, at(1), at(2), at(3), at(4));
        assertThat(runner.stats().malformed()).isEqualTo(2);
        assertThat(health.health("source hiccup").orElseThrow().state()).isEqualTo(HealthState.UP);
        assertThat(log.linesContaining("malformed")).hasSize(2); // first occurrence, then the summary
    }

    @Test
    void garbageBetweenGoodFramesIsLoggedAtMostOncePerMinuteWithACountOfWhatWasNotLogged() throws Exception {
        ScriptedSource noisy = new ScriptedSource((n, now) -> {
            if (n % 3 == 0) {
                throw new MalformedDataException("garbled frame " + n);
            }
            return List.of(ScriptedSource.reading("value", n, now));
        });
        SourceRunner runner = start("noisy", Settings.defaults().quarantine(3, Duration.ofMinutes(1)), noisy, RetryPolicy.DEFAULT);

        stepUntil(() -> noisy.polled() == 91, 1); // polls 0..90 one second apart: garbled every third, 30 in all

        assertThat(runner.stats().malformed()).isEqualTo(30);
        assertThat(health.health("source noisy").orElseThrow().state()).isEqualTo(HealthState.UP);
        assertThat(log.linesContaining("source noisy: malformed data:")).containsExactly(
                log.linesContaining("garbled frame 3;").getFirst(),
                log.linesContaining("garbled frame 63 (19 more malformed reads since the last such line)").getFirst());
        assertThat(log.linesContaining("source noisy: good data again")).hasSize(2);
    }

    @Test
    void anUnexpectedExceptionIsLoggedWithItsStackTraceOnceAndRetriedAsTransient() throws Exception {
        ScriptedSource buggy = new ScriptedSource((n, now) -> {
            if (n <= 3) {
                throw new IllegalStateException("parser state " + n);
            }
            return List.of(ScriptedSource.reading("value", n, now));
        });
        SourceRunner runner = start("buggy", Settings.defaults(), buggy,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        stepUntil(() -> buggy.polled() == 4, 1);

        assertThat(runner.stats().transientErrors()).isEqualTo(3);
        awaitChanges(4);
        assertThat(changes).containsExactly(
                "source buggy: DEGRADED (read failed with an unexpected exception: IllegalStateException: parser state 1)",
                "source buggy: DEGRADED (read failed with an unexpected exception: IllegalStateException: parser state 2)",
                "source buggy: DEGRADED (read failed with an unexpected exception: IllegalStateException: parser state 3)",
                "source buggy: UP");
        assertThat(log.linesContaining("this is a bug in the plugin")).hasSize(1);
        assertThat(log.linesContaining("java.lang.IllegalStateException: parser state")).hasSize(1);
        assertThat(log.stackTraceLines()).isNotEmpty();
    }

    private SourceRunner start(String name, Settings settings, ScriptedSource source, RetryPolicy retry) {
        RunnerContext context = new RunnerContext(appender, health.reporter("source " + name), ticker,
                retry == RetryPolicy.DEFAULT ? new SplittableRandom(3) : new HighestRandom(), retry);
        SourceRunner runner = SourceRunner.create(new ScheduledSource(name, settings.build(), source), context);
        runners.add(runner);
        runner.start();
        return runner;
    }

    /** Moves time from one wake-up to the next, each time all runners are asleep, until {@code done}. */
    private void stepUntil(BooleanSupplier done, int runnerCount) throws InterruptedException {
        for (int steps = 0; steps < 10_000; steps++) {
            ticker.awaitSleepers(runnerCount);
            if (done.getAsBoolean()) {
                return;
            }
            ticker.advanceTo(ticker.nextDeadline().orElseThrow());
        }
        throw new AssertionError("not done after 10000 steps");
    }

    private void awaitChanges(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() >= count);
    }

    private Instant at(double seconds) {
        return t0.plusMillis(Math.round(seconds * 1000));
    }
}
