package dev.ferry.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Batch;
import dev.ferry.api.HealthState;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.UnsendableBatchException;
import dev.ferry.runtime.config.SinkSettings.OnRefused;
import dev.ferry.runtime.deadletter.DeadLetter;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner does with refusals: dead letters, holding under retry, poison isolation, replay. */
class SinkRefusalsTest {

    private static final Refusal NOT_AUTHORIZED = new Refusal("mqtt_0x87", "PUBLISH to 'other/x' rejected: 0x87 Not authorized");

    @TempDir
    Path dir;

    /** Refuses the entries the predicate picks, delivers the rest of each batch. */
    private static CompletableFuture<Void> refusing(Batch batch, Predicate<LogEntry> refused) {
        List<LogEntry> picked = batch.entries().stream().filter(refused).toList();
        return picked.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(RefusedEntriesException.of(picked, NOT_AUTHORIZED));
    }

    private static boolean odd(LogEntry entry) {
        return entry.firstSeq() % 2 == 1;
    }

    @Test
    void refusedEntriesAreDeadLetteredAndEveryOtherEntryIsDeliveredOnce() throws Exception {
        AnsweringSink sink = new AnsweringSink(10, 3, batch -> refusing(batch, SinkRefusalsTest::odd));
        try (RunningSink running = new RunningSink(dir, 100, sink, OnRefused.DEAD_LETTER)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.cursor.committedSeq() == 100);
            assertThat(running.deadLetters()).extracting(l -> l.entry().firstSeq())
                    .containsExactlyElementsOf(LongStream.range(0, 100).filter(s -> s % 2 == 1).boxed().toList());
            assertThat(running.deadLetters()).extracting(DeadLetter::refusal).containsOnly(NOT_AUTHORIZED);
            assertThat(sink.sent).as("nothing was sent twice").hasSize(10);
            SinkRunner.SinkStats stats = running.runner.stats();
            assertThat(stats.sentEntries()).isEqualTo(50);
            assertThat(stats.refusedEntries()).isEqualTo(50);
            assertThat(stats.refusedByCode()).containsEntry("mqtt_0x87", 50L);
            assertThat(stats.deadLetters()).isEqualTo(50);
            assertThat(running.health.health("sink out").orElseThrow().state()).isEqualTo(HealthState.DEGRADED);
            assertThat(running.health.health("sink out").orElseThrow().reason()).contains("0x87 Not authorized", "dead-lettered");
        }
    }

    @Test
    void underTheRetryPolicyNothingIsDeadLetteredTheCursorHoldsAndRetriesBackOff() throws Exception {
        AnsweringSink sink = new AnsweringSink(10, 2, batch -> refusing(batch, entry -> entry.firstSeq() == 15));
        try (RunningSink running = new RunningSink(dir, 30, sink, OnRefused.RETRY)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.backoff.attempts() >= 4);
            assertThat(running.cursor.committedSeq()).as("the batch before the refused one was delivered").isEqualTo(10);
            assertThat(running.deadLetters()).isEmpty();
            assertThat(sink.sent.stream().filter(b -> b.firstSeq() == 10).count()).as("the held batch is sent again").isGreaterThan(3);
            assertThat(running.health.health("sink out").orElseThrow().reason()).contains("held and retried with backoff");
        }
    }

    @Test
    void aSendThatThrowsIsNarrowedDownToTheReadingThatMakesItThrow() throws Exception {
        AnsweringSink sink = new AnsweringSink(16, 4, batch -> {
            if (batch.entries().stream().anyMatch(e -> e.firstSeq() == 37)) {
                throw new IllegalArgumentException("cannot encode value");
            }
            return CompletableFuture.completedFuture(null);
        });
        try (RunningSink running = new RunningSink(dir, 100, sink, OnRefused.DEAD_LETTER)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.cursor.committedSeq() == 100);
            assertThat(running.deadLetters()).extracting(l -> l.entry().firstSeq()).containsExactly(37L);
            assertThat(running.deadLetters().getFirst().refusal()).isEqualTo(new Refusal("send_threw",
                    "the sink's send failed with IllegalArgumentException: cannot encode value"));
            assertThat(running.runner.stats().sentEntries()).isEqualTo(99);
        }
    }

    @Test
    void deadLettersAskedForAgainAreSentWithTheirOriginalIdsOnceTheCauseIsFixed() throws Exception {
        AtomicBoolean aclWidened = new AtomicBoolean();
        AnsweringSink sink = new AnsweringSink(10, 1, batch -> aclWidened.get() ? CompletableFuture.completedFuture(null)
                : refusing(batch, entry -> Set.of(3L, 4L, 25L).contains(entry.firstSeq())));
        try (RunningSink running = new RunningSink(dir, 30, sink, OnRefused.DEAD_LETTER)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.cursor.committedSeq() == 30);
            assertThat(running.runner.stats().deadLetters()).isEqualTo(3);

            aclWidened.set(true);
            DeadLetterFiles.requestReplay(running.deadLetters);
            await().atMost(Duration.ofSeconds(20)).until(() -> running.runner.stats().deadLetters() == 0);
            Batch replayed = sink.sent.getLast();
            assertThat(replayed.entries()).extracting(LogEntry::firstSeq).containsExactly(3L, 4L, 25L);
            assertThat(running.runner.stats().replayedEntries()).isEqualTo(3);
            assertThat(running.deadLetters()).isEmpty();
        }
    }

    @Test
    void aDeterministicFailureOfOneEntryUnderRetryIsHeldNotDeadLettered() throws Exception {
        AnsweringSink sink = new AnsweringSink(10, 1, batch -> batch.entries().stream().anyMatch(e -> e.firstSeq() == 5)
                ? CompletableFuture.failedFuture(new UnsendableBatchException(new Refusal("topic_too_long", "topic too long")))
                : CompletableFuture.completedFuture(null));
        try (RunningSink running = new RunningSink(dir, 20, sink, OnRefused.RETRY)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.backoff.attempts() >= 3);
            assertThat(running.cursor.committedSeq()).isZero();
            assertThat(running.deadLetters()).isEmpty();
        }
    }
}
