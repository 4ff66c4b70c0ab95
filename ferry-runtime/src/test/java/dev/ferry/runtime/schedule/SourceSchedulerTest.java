package dev.ferry.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.ManualTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceSchedulerTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Instant t0 = ticker.now();
    /** On a ticker of its own: the registry's timer for held-back log lines must not count among the sleepers. */
    private final HealthRegistry health = new HealthRegistry(new ManualTicker());
    private final RecordingAppender appender = new RecordingAppender();
    private final SourceScheduler scheduler =
            new SourceScheduler(appender, health, ticker, new SplittableRandom(5), RetryPolicy.DEFAULT);

    @AfterEach
    void stop() {
        scheduler.stopAll(Duration.ofSeconds(10));
    }

    @Test
    void readingsGetTheConfiguredNameAndTagsWhichWinOverThePlugins() {
        ScriptedSource source = new ScriptedSource((n, now) -> List.of(new Reading("plugin-name", "temperature",
                Value.of(21.5), "Cel", now, Map.of("site", "plugin-site", "serial", "A1"))));
        Settings settings = Settings.defaults().tags(Map.of("site", "plant-3", "line", "2"));
        scheduler.start(new ScheduledSource("boiler", settings.build(), source));

        await().atMost(Duration.ofSeconds(10)).until(() -> appender.readings.size() == 1);
        assertThat(appender.readings.getFirst()).isEqualTo(new Reading("boiler", "temperature", Value.of(21.5), "Cel", t0,
                Map.of("site", "plant-3", "line", "2", "serial", "A1")));
    }

    @Test
    void jitterDelaysEachReadWithinItsBoundWithoutDriftingTheRate() throws Exception {
        ScriptedSource source = ScriptedSource.counting();
        scheduler.start(new ScheduledSource("jittery",
                Settings.defaults().interval(Duration.ofSeconds(10)).jitter(Duration.ofSeconds(2)).build(), source));

        ticker.awaitSleepers(1);
        while (source.polled() < 50) { // even the first read waits for its jitter
            ticker.advanceTo(ticker.nextDeadline().orElseThrow());
            ticker.awaitSleepers(1);
        }

        for (int k = 0; k < 50; k++) {
            Duration late = Duration.between(t0.plusSeconds(10L * k), source.polls.get(k));
            assertThat(late).as("read %d", k).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertThat(source.polls.stream().map(t -> t.getNano()).distinct().count()).as("jitter varies").isGreaterThan(40);
    }

    @Test
    void stepsOfTheWallClockNeitherStallNorHurryTheSchedule() throws Exception {
        ScriptedSource source = ScriptedSource.counting();
        scheduler.start(new ScheduledSource("meter", Settings.defaults().interval(Duration.ofSeconds(10)).build(), source));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.polled() == 1);
        ticker.awaitSleepers(1);

        ticker.stepWallClock(Duration.ofHours(-1));   // NTP sets back a clock that ran ahead
        ticker.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.polled() == 2);
        ticker.awaitSleepers(1);
        ticker.stepWallClock(Duration.ofHours(2));
        ticker.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.polled() == 3);
        ticker.awaitSleepers(1);

        assertThat(source.polled()).as("one read per interval, not a burst to make up the hours").isEqualTo(3);
        assertThat(source.polls.get(1)).as("read at the wall clock's time, stepped back")
                .isEqualTo(t0.plusSeconds(10).minus(Duration.ofHours(1)));
        assertThat(source.polls.get(2)).isEqualTo(t0.plusSeconds(20).plus(Duration.ofHours(1)));
    }

    @Test
    void aSourceBlockedByBackpressureDoesNotDelayAnother() throws Exception {
        CountDownLatch logFull = new CountDownLatch(1);
        ReadingAppender blockingForA = readings -> {
            if (readings.getFirst().source().equals("a")) {
                logFull.await();
            }
            return appender.append(readings);
        };
        SourceScheduler own = new SourceScheduler(blockingForA, health, ticker, new SplittableRandom(5), RetryPolicy.DEFAULT);
        try {
            ScriptedSource a = ScriptedSource.counting();
            ScriptedSource b = ScriptedSource.counting();
            own.start(new ScheduledSource("a", Settings.defaults().build(), a));
            own.start(new ScheduledSource("b", Settings.defaults().build(), b));
            for (int second = 1; second <= 5; second++) {
                int expected = second;
                await().atMost(Duration.ofSeconds(10)).until(() -> appender.of("b").size() == expected);
                ticker.awaitSleepers(1); // b sleeps; a is blocked in the appender
                ticker.advance(Duration.ofSeconds(1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> appender.of("b").size() == 6);
            assertThat(a.polled()).isEqualTo(1);
            assertThat(appender.of("a")).isEmpty();
        } finally {
            assertThat(own.stopAll(Duration.ofSeconds(10))).as("the blocked append ends on interrupt").isTrue();
        }
        assertThat(appender.of("a")).as("nothing appended after stop").isEmpty();
    }

    @Test
    void stoppingClosesTheSourceReportsStoppedAndAppendsNothingMore() throws Exception {
        ScriptedSource source = ScriptedSource.counting();
        scheduler.start(new ScheduledSource("boiler", Settings.defaults().build(), source));
        await().atMost(Duration.ofSeconds(10)).until(() -> appender.readings.size() == 1);
        ticker.awaitSleepers(1);

        assertThat(scheduler.stop("boiler", Duration.ofSeconds(10))).isTrue();

        assertThat(source.closes).hasValue(1);
        assertThat(health.health("source boiler").orElseThrow().state()).isEqualTo(HealthState.STOPPED);
        assertThat(scheduler.names()).isEmpty();
        assertThat(scheduler.stats("boiler")).isEmpty();
        ticker.advance(Duration.ofMinutes(10));
        assertThat(source.polled()).isEqualTo(1);
        assertThat(appender.readings).hasSize(1);
        assertThat(scheduler.stop("boiler", Duration.ofSeconds(1))).as("already stopped").isFalse();
    }

    @Test
    void stoppingDoesNotWaitForAPollStuckForGoodAndDropsItsLateResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedSource stuck = ScriptedSource.stuckUntil(release);
        scheduler.start(new ScheduledSource("stuck", Settings.defaults().build(), stuck));
        ticker.awaitWaiters(1);

        assertThat(scheduler.stop("stuck", Duration.ofSeconds(10))).isTrue();
        assertThat(stuck.closes).as("closed while the poll still runs, so the plugin can unblock it").hasValue(1);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> stuck.ended.get() == 1);
        assertThat(appender.readings).isEmpty();
    }

    @Test
    void statsAndNamesCoverRunningSources() {
        scheduler.startAll(List.of(
                new ScheduledSource("one", Settings.defaults().build(), ScriptedSource.counting()),
                new ScheduledSource("two", Settings.defaults().build(), ScriptedSource.counting())));
        await().atMost(Duration.ofSeconds(10)).until(() -> appender.readings.size() == 2);

        assertThat(scheduler.names()).containsExactly("one", "two");
        assertThat(scheduler.stats()).containsOnlyKeys("one", "two");
        assertThat(scheduler.stats("one").orElseThrow().counts()).isEqualTo(new SourceStats(1, 1, 0, 0, 0, 0, 0, 0, null));
        assertThat(SourceScheduler.component("one")).isEqualTo("source one");
        assertThat(health.snapshot()).containsKeys("source one", "source two");
    }

    @Test
    void aNameRunsOnceAtATime() {
        scheduler.start(new ScheduledSource("one", Settings.defaults().build(), ScriptedSource.counting()));
        assertThatThrownBy(() -> scheduler.start(new ScheduledSource("one", Settings.defaults().build(), ScriptedSource.counting())))
                .hasMessage("source one is already running; stop it first");
    }

    @Test
    void settingsThatCannotBeScheduledAreRefusedWithTheKey() {
        assertThatThrownBy(() -> new ScheduledSource("boiler", Settings.defaults().interval(Duration.ZERO).build(),
                ScriptedSource.counting())).hasMessage("sources.boiler.interval: must be > 0, was 0s");
        assertThatThrownBy(() -> new ScheduledSource("boiler", Settings.defaults().quarantine(0, Duration.ofMinutes(1)).build(),
                ScriptedSource.counting())).hasMessage("sources.boiler.malformed_threshold: must be >= 1, was 0");
    }
}
