package dev.ferry.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random sequences of appends, polls, acks, rewinds, flushes, clean restarts and crashes, checked step by step
 * against {@link LogModel}: every entry a cursor gets is the right reading at the right seq, or (only under
 * retention pressure) an explicit gap; cursors survive restarts, re-delivering at most since their last persisted
 * position and never skipping.
 */
class LogModelTest {

    sealed interface Action permits Append, Poll, Ack, Rewind, Flush, Restart, Crash {}

    record Append(int count) implements Action {}

    record Poll(int cursor, int max) implements Action {}

    /** Acknowledges a fraction (in percent) of what the cursor was delivered but not acknowledged. */
    record Ack(int cursor, int percent) implements Action {}

    record Rewind(int cursor) implements Action {}

    record Flush(int cursor) implements Action {}

    record Restart() implements Action {}

    record Crash() implements Action {}

    record Scenario(long segmentSize, long maxBytes, List<Action> actions) {}

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void theLogBehavesLikeTheModel(@ForAll("scenarios") Scenario scenario) throws Exception {
        Path dir = Files.createTempDirectory("ferry-log-model");
        LogOptions options = LogOptions.defaults().withSegmentSize(DataSize.ofBytes(scenario.segmentSize()))
                .withMaxBytes(DataSize.ofBytes(scenario.maxBytes())).withCommitInterval(Duration.ZERO)
                .withCursorFlushInterval(Duration.ofHours(1));
        boolean pressure = scenario.maxBytes() < 1 << 20;
        LogModel model = new LogModel(2);
        Run run = new Run(dir, options);
        try {
            for (Action action : scenario.actions()) {
                run.apply(action, model, pressure);
            }
            run.apply(new Restart(), model, pressure);
            for (int c = 0; c < 2; c++) {
                run.apply(new Poll(c, 100_000), model, pressure);
                assertThat(run.cursors[c].poll(10, Duration.ZERO)).isEmpty();
            }
        } finally {
            run.log.close();
            deleteTree(dir);
        }
    }

    /** The log under test, its cursors, and how each action drives them. */
    static final class Run {
        final Path dir;
        final LogOptions options;
        DurableLog log;
        LogCursor[] cursors = new LogCursor[2];

        Run(Path dir, LogOptions options) throws IOException {
            this.dir = dir;
            this.options = options;
            open();
        }

        void open() throws IOException {
            log = DurableLog.open(dir, options, "gw", Clock.systemUTC());
            for (int c = 0; c < cursors.length; c++) {
                cursors[c] = log.cursor("sink-" + c);
            }
        }

        void apply(Action action, LogModel model, boolean pressure) throws Exception {
            switch (action) {
                case Append a -> {
                    SeqRange range = log.append(TestReadings.numbered(model.nextSeq(), a.count())).get();
                    assertThat(range.first()).isEqualTo(model.nextSeq());
                    model.appended(a.count());
                }
                case Poll p -> poll(p, model, pressure);
                case Ack a -> {
                    long target = model.ackTarget(a.cursor(), a.percent());
                    if (target >= 0) {
                        cursors[a.cursor()].ack(target);
                        model.acked(a.cursor(), target);
                    }
                    assertThat(cursors[a.cursor()].committedSeq()).isEqualTo(model.committed(a.cursor()));
                }
                case Rewind r -> {
                    cursors[r.cursor()].rewind();
                    model.rewound(r.cursor());
                }
                case Flush f -> {
                    cursors[f.cursor()].flush();
                    model.flushed(f.cursor());
                }
                case Restart r -> {
                    log.close();
                    open();
                    assertThat(log.nextSeq()).isEqualTo(model.nextSeq());
                    for (int c = 0; c < cursors.length; c++) {
                        assertThat(cursors[c].committedSeq()).as("cursor %d after a clean restart", c).isEqualTo(model.committed(c));
                        model.restarted(c, cursors[c].committedSeq());
                    }
                }
                case Crash r -> {
                    log.crash();
                    open();
                    assertThat(log.nextSeq()).as("every committed reading survives").isEqualTo(model.nextSeq());
                    for (int c = 0; c < cursors.length; c++) {
                        long resumed = cursors[c].committedSeq();
                        assertThat(resumed).as("cursor %d after a crash: no skipping, re-delivery only since the last flush", c)
                                .isBetween(model.persistedAtLeast(c), model.committed(c));
                        model.restarted(c, resumed);
                    }
                }
            }
        }

        private void poll(Poll p, LogModel model, boolean pressure) throws Exception {
            long from = model.readSeq(p.cursor());
            List<LogEntry> entries = cursors[p.cursor()].poll(p.max(), Duration.ZERO);
            if (from < log.nextSeq()) {
                assertThat(entries).as("committed entries are there to poll").isNotEmpty();
            }
            assertThat(entries.size()).isLessThanOrEqualTo(p.max());
            long next = from;
            for (LogEntry e : entries) {
                assertThat(e.firstSeq()).as("entries follow each other").isEqualTo(next);
                switch (e) {
                    case StoredReading r -> {
                        assertThat(r.id().agent()).isEqualTo("gw");
                        assertThat(r.id().epoch()).isEqualTo(log.epoch());
                        assertThat(r.reading()).isEqualTo(model.reading(r.id().seq()));
                    }
                    case Gap g -> {
                        assertThat(pressure).as("a gap without retention pressure: %s", g).isTrue();
                        assertThat(g.reason()).isEqualTo(GapReason.RETENTION_BYTES);
                    }
                }
                next = e.lastSeq() + 1;
            }
            assertThat(next).isLessThanOrEqualTo(model.nextSeq());
            model.polled(p.cursor(), next);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Long> segmentSize = Arbitraries.of(256L, 1024L, 4096L);
        Arbitrary<Integer> segmentsKept = Arbitraries.of(2, 3, 8, 0); // 0: no retention pressure
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 60).map(n -> (Action) new Append(n))),
                net.jqwik.api.Tuple.of(6, Combinators.combine(cursor(), Arbitraries.integers().between(1, 80)).as(Poll::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(cursor(), Arbitraries.integers().between(0, 100)).as(Ack::new)),
                net.jqwik.api.Tuple.of(1, cursor().map(Rewind::new)),
                net.jqwik.api.Tuple.of(1, cursor().map(Flush::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Crash())));
        return Combinators.combine(segmentSize, segmentsKept, action.list().ofMinSize(5).ofMaxSize(60))
                .as((size, kept, actions) -> new Scenario(size, kept == 0 ? 1L << 30 : size * kept, actions));
    }

    private static Arbitrary<Integer> cursor() {
        return Arbitraries.integers().between(0, 1);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
