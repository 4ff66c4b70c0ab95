package dev.ferry.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter store: exact round trip, durability across reopening, torn tails, the size cap, replay, purge. */
class DeadLetterStoreTest {

    private static final Refusal NOT_AUTHORIZED = new Refusal("mqtt_0x87", "PUBLISH to 'x' rejected: 0x87 Not authorized");
    private static final Instant TIME = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    static StoredReading reading(long seq) {
        Value value = switch ((int) (seq % 4)) {
            case 0 -> Value.of(seq * 1.5);
            case 1 -> Value.of(seq);
            case 2 -> Value.of("text " + seq);
            default -> new Value.Bytes(new byte[] {1, 2, (byte) seq});
        };
        return new StoredReading(new ReadingId("gw:1", "ep", seq),
                new Reading("src", "m", value, "Cel", Instant.parse("2026-12-01T00:00:00.123456789Z"), Map.of("tenant", "acme")));
    }

    static List<Refused> refused(long first, long count, Refusal refusal) {
        return LongStream.range(first, first + count).mapToObj(seq -> new Refused(reading(seq), refusal)).toList();
    }

    private static List<DeadLetter> all(Path dir) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        DeadLetterFiles.read(dir, letters::add);
        return letters;
    }

    @Test
    void keepsEachEntryExactlyWithItsIdReasonAndTime() throws Exception {
        Gap gap = new Gap("gw:1", "ep", 7, 9, GapReason.RETENTION_AGE);
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            store.add(refused(0, 4, NOT_AUTHORIZED), TIME);
            store.add(List.of(new Refused(gap, new Refusal("coap_4.00", "bad"))), TIME.plusSeconds(1));
            assertThat(store.held()).isEqualTo(5);
        }
        List<DeadLetter> letters = all(dir);
        assertThat(letters).extracting(DeadLetter::entry).containsExactly(Stream.concat(
                LongStream.range(0, 4).mapToObj(DeadLetterStoreTest::reading), Stream.of(gap)).toArray(LogEntry[]::new));
        assertThat(letters.getFirst()).isEqualTo(new DeadLetter(reading(0), "cloud", NOT_AUTHORIZED, TIME));
        assertThat(letters.getLast().refusal().code()).isEqualTo("coap_4.00");
        try (DeadLetterStore reopened = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            assertThat(reopened.held()).as("counted again when opened").isEqualTo(5);
        }
    }

    @Test
    void oneAgentAtATime() throws Exception {
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            assertThatThrownBy(() -> DeadLetterStore.open(dir, "cloud", 1 << 20))
                    .isInstanceOf(DeadLetterStore.StoreInUseException.class).hasMessageContaining("in use by a running agent");
        }
    }

    @Test
    void aTornTailIsCutOffAndTheWholeRecordsStay() throws Exception {
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            store.add(refused(0, 3, NOT_AUTHORIZED), TIME);
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.toString().endsWith(".dl")).findFirst().orElseThrow();
        }
        long whole = Files.size(segment);
        for (long cut = whole - 1; cut > whole - 40; cut -= 13) {
            try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                file.truncate(cut);
            }
            try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
                assertThat(store.held()).isEqualTo(2);
                store.add(refused(3, 1, NOT_AUTHORIZED), TIME);
            }
            assertThat(all(dir)).extracting(l -> l.entry().firstSeq()).containsExactly(0L, 1L, 3L);
            try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                whole = file.size();
            }
        }
    }

    @Test
    void beyondItsLimitTheOldestAreDeletedAndCounted() throws Exception {
        long limit = 64 * 1024;
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", limit)) {
            for (int i = 0; i < 100; i++) {
                store.add(refused(i * 20L, 20, NOT_AUTHORIZED), TIME);
            }
            assertThat(store.evicted()).isPositive();
            assertThat(store.held() + store.evicted()).isEqualTo(2000);
        }
        List<DeadLetter> left = all(dir);
        assertThat(left.getLast().entry().firstSeq()).as("the newest are kept").isEqualTo(1999);
        assertThat(left.getFirst().entry().firstSeq()).isEqualTo(2000 - left.size());
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.filter(f -> f.toString().endsWith(".dl")).mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(bytes).isLessThanOrEqualTo(limit);
        try (DeadLetterStore reopened = DeadLetterStore.open(dir, "cloud", limit)) {
            assertThat(reopened.evicted()).as("the count survives a restart").isEqualTo(2000 - left.size());
        }
    }

    @Test
    void aReplayCoversWhatWasHeldWhenAskedAndCarriesOnAfterARestart() throws Exception {
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            store.add(refused(0, 10, NOT_AUTHORIZED), TIME);
            assertThat(store.takeRequests()).isNull();
            DeadLetterFiles.requestReplay(dir);
            assertThat(DeadLetterFiles.requestPending(dir)).isTrue();
            assertThat(store.takeRequests()).isEqualTo("sending 10 dead letter(s) again as requested");
            assertThat(DeadLetterFiles.requestPending(dir)).isFalse();

            assertThat(store.nextReplay(4)).extracting(l -> l.entry().firstSeq()).containsExactly(0L, 1L, 2L, 3L);
            assertThat(store.nextReplay(4)).as("the same until replayed").extracting(l -> l.entry().firstSeq())
                    .containsExactly(0L, 1L, 2L, 3L);
            store.replayed();
            store.add(refused(100, 1, NOT_AUTHORIZED), TIME);   // refused after the request: not part of this replay
            assertThat(store.nextReplay(4)).extracting(l -> l.entry().firstSeq()).containsExactly(4L, 5L, 6L, 7L);
        }
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            assertThat(store.replaying()).isTrue();
            List<Long> sent = new ArrayList<>();
            List<DeadLetter> batch;
            while (!(batch = store.nextReplay(4)).isEmpty()) {
                batch.forEach(l -> sent.add(l.entry().firstSeq()));
                store.replayed();
            }
            assertThat(sent).as("a restart sends the unfinished segment again from its start")
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(store.replaying()).isFalse();
            assertThat(store.held()).isEqualTo(1);
        }
        assertThat(all(dir)).extracting(l -> l.entry().firstSeq()).containsExactly(100L);
    }

    @Test
    void aPurgeRequestDeletesEverything() throws Exception {
        try (DeadLetterStore store = DeadLetterStore.open(dir, "cloud", 1 << 20)) {
            store.add(refused(0, 10, NOT_AUTHORIZED), TIME);
            DeadLetterFiles.requestPurge(dir);
            assertThat(store.takeRequests()).isEqualTo("purged 10 dead letter(s) as requested");
            assertThat(store.held()).isZero();
            store.add(refused(10, 1, NOT_AUTHORIZED), TIME);
        }
        assertThat(all(dir)).extracting(l -> l.entry().firstSeq()).containsExactly(10L);
    }
}
