package dev.ferry.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.api.Reading;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.Value;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogCursor;
import dev.ferry.log.LogOptions;
import dev.ferry.runtime.config.SinkSettings;
import dev.ferry.runtime.deadletter.DeadLetterStore;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink runner against a real log: in-order acknowledgement, pipelining, and re-sending after failures. */
class SinkRunnerTest {

    @TempDir
    Path dir;

    private DurableLog log;
    private final HealthRegistry health = new HealthRegistry(Ticker.system());
    private final List<SinkRunner> runners = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (SinkRunner runner : runners) {
            runner.stop(Duration.ofSeconds(2));
        }
        if (log != null) {
            log.close();
        }
    }

    private LogCursor start(ScriptedSink sink, int readings) throws Exception {
        log = DurableLog.open(dir, LogOptions.defaults().withCommitInterval(Duration.ZERO), "gw", Clock.systemUTC());
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            list.add(Reading.of("s", "m", Value.of((long) i), "", Instant.EPOCH));
        }
        log.append(list).join();
        LogCursor cursor = log.cursor("out");
        RetryPolicy fast = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5));
        SinkRunner runner = new SinkRunner("out", sink, new OldestFirstCursor(cursor), 10, health.reporter("sink out"),
                fast.newBackoff(new SplittableRandom(1)), Ticker.system(), refusals(Duration.ZERO));
        runners.add(runner);
        runner.start();
        return cursor;
    }

    private RefusalHandler refusals(Duration quiet) throws IOException {
        DeadLetterStore store = DeadLetterStore.open(dir.resolve("dead-letters"), "out", 1 << 20);
        return new RefusalHandler("out", SinkSettings.OnRefused.DEAD_LETTER, store, health.reporter("sink out"), Clock.systemUTC(), quiet);
    }

    private static ScriptedSink.Sent next(ScriptedSink sink) throws InterruptedException {
        ScriptedSink.Sent sent = sink.sent.poll(10, TimeUnit.SECONDS);
        assertThat(sent).as("a batch was sent").isNotNull();
        return sent;
    }

    @Test
    void keepsTheWindowFullAndAdvancesTheCursorOnlyInOrder() throws Exception {
        ScriptedSink sink = new ScriptedSink(3);
        LogCursor cursor = start(sink, 100);

        ScriptedSink.Sent first = next(sink);
        ScriptedSink.Sent second = next(sink);
        ScriptedSink.Sent third = next(sink);
        assertThat(List.of(first.batch().firstSeq(), second.batch().firstSeq(), third.batch().firstSeq())).containsExactly(0L, 10L, 20L);
        assertThat(sink.sent.poll(100, TimeUnit.MILLISECONDS)).as("no fourth batch while three are unacknowledged").isNull();

        third.ack().complete(null);
        second.ack().complete(null);
        assertThat(sink.sent.poll(100, TimeUnit.MILLISECONDS)).as("acks out of order do not move the cursor past the oldest").isNull();
        assertThat(cursor.committedSeq()).isZero();

        first.ack().complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> cursor.committedSeq() == 30);
        assertThat(next(sink).batch().firstSeq()).isEqualTo(30);
    }

    @Test
    void aFailedSendIsSentAgainWithTheSameIdsAfterReopening() throws Exception {
        ScriptedSink sink = new ScriptedSink(2);
        LogCursor cursor = start(sink, 30);

        ScriptedSink.Sent first = next(sink);
        ScriptedSink.Sent second = next(sink);
        second.ack().complete(null);
        first.ack().completeExceptionally(new IOException("connection lost"));

        ScriptedSink.Sent again = next(sink);
        assertThat(again.batch()).isEqualTo(first.batch());
        assertThat(sink.opens.get()).as("the sink was opened again before re-sending").isEqualTo(2);
        assertThat(health.health("sink out").orElseThrow().state()).isEqualTo(HealthState.DEGRADED);
        again.ack().complete(null);
        ScriptedSink.Sent secondAgain = next(sink);
        assertThat(secondAgain.batch()).isEqualTo(second.batch());
        secondAgain.ack().complete(null);
        next(sink).ack().complete(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> cursor.committedSeq() == 30);
        assertThat(health.health("sink out").orElseThrow().state()).isEqualTo(HealthState.UP);
    }

    @Test
    void aBatchRefusedForGoodIsPassedAndCountedWithoutReopening() throws Exception {
        ScriptedSink sink = new ScriptedSink(1);
        LogCursor cursor = start(sink, 30);

        ScriptedSink.Sent first = next(sink);
        first.ack().completeExceptionally(RefusedEntriesException.of(first.batch().entries().subList(2, 6),
                new Refusal("coap_4.00", "4.00 Bad Request")));

        ScriptedSink.Sent second = next(sink);
        assertThat(second.batch().firstSeq()).as("the refused batch is not sent again").isEqualTo(10);
        assertThat(sink.opens.get()).as("a refusal is no broken connection").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cursor.committedSeq() == 10);
        assertThat(health.health("sink out").orElseThrow().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.health("sink out").orElseThrow().reason()).contains("4.00 Bad Request");

        second.ack().complete(null);
        next(sink).ack().complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> cursor.committedSeq() == 30);
        assertThat(health.health("sink out").orElseThrow().state()).as("an accepted batch makes it well again")
                .isEqualTo(HealthState.UP);
        assertThat(runners.getFirst().stats()).usingRecursiveComparison().ignoringFields("opens", "batchesInFlight")
                .isEqualTo(new SinkRunner.SinkStats(26, 0, 4, Map.of("coap_4.00", 4L), 4, 0, 0, 30, 0, 0));
        assertThat(runners.getFirst().stats().opens()).as("one open: a refusal is no broken connection").isEqualTo(1);
    }

    @Test
    void aSinkThatCannotOpenIsDownAndRetried() throws Exception {
        ScriptedSink sink = new ScriptedSink(1);
        sink.failOpens.set(3);
        LogCursor cursor = start(sink, 5);

        next(sink).ack().complete(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> cursor.committedSeq() == 5);
        assertThat(sink.opens.get()).isEqualTo(4);
    }

    @Test
    void stoppingWaitsForTheBatchesInFlightAndKeepsTheirAcks() throws Exception {
        ScriptedSink sink = new ScriptedSink(2);
        LogCursor cursor = start(sink, 20);
        ScriptedSink.Sent first = next(sink);
        ScriptedSink.Sent second = next(sink);

        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                runners.removeFirst().stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        first.ack().complete(null);
        second.ack().complete(null);
        stopper.join();

        assertThat(cursor.committedSeq()).isEqualTo(20);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void stoppingEndsABackoffPauseAtOnce() throws Exception {
        ScriptedSink sink = new ScriptedSink(1);
        sink.failOpens.set(Integer.MAX_VALUE);
        log = DurableLog.open(dir, LogOptions.defaults(), "gw", Clock.systemUTC());
        RetryPolicy slow = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1));
        SinkRunner runner = new SinkRunner("out", sink, new OldestFirstCursor(log.cursor("out")), 10,
                health.reporter("sink out"), slow.newBackoff(new SplittableRandom(1)), Ticker.system(), refusals(Duration.ZERO));
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.opens.get() >= 1);

        // The pause after the failed open lasts up to an hour; a stop must not wait it out, nor need the interrupt.
        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                runner.stop(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !stopper.isAlive());
        assertThat(sink.closed).isTrue();
    }
}
