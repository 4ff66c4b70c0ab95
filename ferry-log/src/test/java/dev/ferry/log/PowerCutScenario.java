package dev.ferry.log;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.config.DataSize;
import dev.ferry.log.powercut.PowerCutStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * One run of the log through several power cuts, all drawn from one seed: it appends, a sink reads, acknowledges and
 * persists its position, and the power goes off at a random operation (during recovery too); after each cut the log
 * is opened on what the disk kept and held to the crash contract of {@code BUFFER.md}:
 *
 * <ul>
 *   <li>every reading whose append completed is there, at its seq, unless a retention rule evicted it and a gap
 *       says so (never a gap with reason corrupt);
 *   <li>a seq holds only the reading it was given, a reading is at one seq only, and new readings never get the
 *       seq of a committed one; the epoch does not change;
 *   <li>the sink resumes no later than its last acknowledgement and no earlier than its last completed flush;
 *   <li>recovery ends, and a reader reaches the end of the log.
 * </ul>
 */
final class PowerCutScenario {

    private static final int ROUNDS = 5;

    private final long seed;
    private final Path dir;
    private final Random random;
    private final PowerCutStorage storage = new PowerCutStorage();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LogOptions options;
    private final boolean evicts;

    private final Map<Long, Long> committed = new HashMap<>();   // seq -> reading number
    private final Map<Long, Long> seqOfCommitted = new HashMap<>();
    private final Set<Long> appended = new HashSet<>();
    private long nextNumber;
    private String epoch;
    private long sinkAcknowledged;
    private long sinkFlushed;
    private int cuts;

    PowerCutScenario(long seed) {
        this.seed = seed;
        this.dir = Path.of("/power-cut", String.valueOf(seed), "log");
        this.random = new Random(seed);
        long segment = List.of(256L, 1024L, 4096L).get(random.nextInt(3));
        this.evicts = random.nextInt(4) == 0;
        this.options = LogOptions.defaults().withSegmentSize(DataSize.ofBytes(segment))
                .withMaxBytes(DataSize.ofBytes(evicts ? 6 * segment : 1L << 30))
                .withCommitInterval(Duration.ZERO).withCursorFlushInterval(Duration.ofHours(1));
    }

    /** Runs every round; returns the number of power cuts made. */
    int run() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            boolean duringRecovery = round > 0 && random.nextInt(4) == 0;
            storage.cutAfter(duringRecovery ? 1 + random.nextInt(30) : 5 + random.nextInt(300));
            DurableLog log;
            try {
                log = DurableLog.open(storage, dir, options, "gw", clock);
            } catch (IOException e) {
                if (storage.powered()) {
                    throw fail("opening the log failed with the power on: " + e);
                }
                powerCut();
                continue;
            }
            try {
                work(log);
            } catch (RuntimeException | Error e) {
                log.crash();   // lets go of the directory lock, which is kept per process
                throw e;
            }
        }
        storage.cutAfter(Long.MAX_VALUE / 2);
        try (DurableLog log = DurableLog.open(storage, dir, options, "gw", clock)) {
            check(log);
            appendAfterRecovery(log);
        }
        return cuts;
    }

    /** Checks the log as recovery left it, then works until the power goes off or the log is closed. */
    private void work(DurableLog log) throws Exception {
        try {
            check(log);
        } catch (IOException e) {
            if (storage.powered()) {
                throw e;
            }
            crash(log);
            return;
        }
        LogCursor sink;
        try {
            sink = log.cursor("sink");
        } catch (IOException e) {
            crash(log);
            return;
        }
        resumed(sink);
        while (storage.powered()) {
            int step = random.nextInt(20);
            try {
                if (step < 12) {
                    append(log, 1 + random.nextInt(random.nextBoolean() ? 4 : 40));
                } else if (step < 17) {
                    read(sink, 1 + random.nextInt(60));
                } else if (step < 19) {
                    sink.flush();
                    sinkFlushed = sink.committedSeq();
                } else if (random.nextInt(8) == 0) {
                    sink.close();   // a clean stop: the position is persisted
                    sinkFlushed = sinkAcknowledged;
                    log.close();
                    return;
                } else {
                    clock.advance(Duration.ofSeconds(random.nextInt(60)));
                }
            } catch (IOException e) {
                if (storage.powered()) {
                    throw fail("a log operation failed with the power on: " + e);
                }
            }
        }
        crash(log);
    }

    private void append(DurableLog log, int count) throws InterruptedException {
        List<Reading> readings = TestReadings.numbered(nextNumber, count);
        for (int i = 0; i < count; i++) {
            appended.add(nextNumber + i);
        }
        long first = nextNumber;
        nextNumber += count;
        SeqRange seqs;
        try {
            seqs = log.append(readings).get();
        } catch (ExecutionException e) {
            if (storage.powered()) {
                throw fail("an append failed with the power on: " + e.getCause());
            }
            return;   // not committed: it may or may not be there after the cut
        }
        for (long seq = seqs.first(); seq <= seqs.last(); seq++) {
            long number = first + (seq - seqs.first());
            committed.put(seq, number);
            seqOfCommitted.put(number, seq);
        }
    }

    private void read(LogCursor sink, int max) throws IOException, InterruptedException {
        List<LogEntry> entries = sink.poll(max, Duration.ZERO);
        if (entries.isEmpty()) {
            return;
        }
        long last = switch (entries.getLast()) {
            case StoredReading reading -> reading.id().seq();
            case Gap gap -> gap.lastSeq();
        };
        sink.ack(last);
        sinkAcknowledged = last + 1;
    }

    /** The sink's position after recovery: never past what it acknowledged, never before its last completed flush. */
    private void resumed(LogCursor sink) {
        long at = sink.committedSeq();
        if (at > sinkAcknowledged && sinkAcknowledged > 0) {
            throw fail("the sink resumes at seq " + at + ", past its last acknowledgement (" + sinkAcknowledged + ")");
        }
        if (at < sinkFlushed) {
            throw fail("the sink resumes at seq " + at + ", before the position it had persisted (" + sinkFlushed + ")");
        }
        sinkAcknowledged = at;
        sinkFlushed = at;
    }

    /** Reads the whole log through a cursor that never acknowledges, and holds it to the contract. */
    private void check(DurableLog log) throws IOException, InterruptedException {
        if (epoch == null || committed.isEmpty()) {
            epoch = log.epoch();
        } else if (!epoch.equals(log.epoch())) {
            throw fail("the epoch changed from " + epoch + " to " + log.epoch() + " with committed readings in the log");
        }
        long end = log.nextSeq();
        for (long seq : committed.keySet()) {
            if (seq >= end) {
                throw fail("committed seq " + seq + " is at or past the end of the log (" + end + ")");
            }
        }
        Map<Long, Long> found = new HashMap<>();
        Map<Long, GapReason> gaps = new HashMap<>();
        try (LogCursor checker = log.cursor("checker")) {
            while (checker.readSeq() < end) {
                List<LogEntry> entries = checker.poll(500, Duration.ZERO);
                if (entries.isEmpty()) {
                    throw fail("reading stalls at seq " + checker.readSeq() + " before the end of the log (" + end + ")");
                }
                for (LogEntry entry : entries) {
                    switch (entry) {
                        case StoredReading stored -> seen(stored, found);
                        case Gap gap -> {
                            for (long seq = gap.firstSeq(); seq <= gap.lastSeq(); seq++) {
                                gaps.put(seq, gap.reason());
                            }
                        }
                    }
                }
            }
        }
        committed.forEach((seq, number) -> {
            if (found.containsKey(seq)) {
                return;
            }
            GapReason reason = gaps.get(seq);
            if (reason == null) {
                throw fail("committed reading " + number + " (seq " + seq + ") is missing, with no gap");
            }
            if (!evicts || reason == GapReason.CORRUPT) {
                throw fail("committed reading " + number + " (seq " + seq + ") is missing, in a gap with reason "
                        + reason + (evicts ? "" : " though nothing was evicted"));
            }
        });
    }

    private void seen(StoredReading stored, Map<Long, Long> found) {
        long seq = stored.id().seq();
        long number = ((dev.ferry.api.Value.Int) stored.reading().value()).value();
        if (!appended.contains(number)) {
            throw fail("seq " + seq + " holds reading " + number + ", which was never appended");
        }
        if (!stored.reading().equals(TestReadings.numbered(number))) {
            throw fail("seq " + seq + " holds reading " + number + " changed: " + stored.reading());
        }
        Long committedThere = committed.get(seq);
        if (committedThere != null && committedThere != number) {
            throw fail("seq " + seq + " was committed with reading " + committedThere + " but holds " + number);
        }
        Long committedAt = seqOfCommitted.get(number);
        if (committedAt != null && committedAt != seq) {
            throw fail("reading " + number + " was committed at seq " + committedAt + " but is at " + seq);
        }
        if (found.containsValue(number)) {
            throw fail("reading " + number + " is in the log twice");
        }
        found.put(seq, number);
    }

    /** After every cut, new readings take seqs no committed reading ever had. */
    private void appendAfterRecovery(DurableLog log) throws Exception {
        long highest = committed.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        long first = nextNumber;
        SeqRange seqs = log.append(TestReadings.numbered(first, 3)).get();
        if (seqs.first() <= highest) {
            throw fail("new readings got seq " + seqs.first() + ", not past the highest committed seq " + highest);
        }
        for (int i = 0; i < 3; i++) {
            appended.add(first + i);
            committed.put(seqs.first() + i, first + i);
            seqOfCommitted.put(first + i, seqs.first() + i);
        }
        nextNumber += 3;
        check(log);
    }

    private void crash(DurableLog log) throws IOException {
        storage.cutNow();
        log.crash();
        powerCut();
    }

    private void powerCut() {
        storage.powerOn(random);
        cuts++;
    }

    private AssertionError fail(String what) {
        return new AssertionError("seed " + seed + ", after " + cuts + " power cut(s): " + what + "; files: "
                + storage.describe());
    }
}
