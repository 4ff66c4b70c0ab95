package dev.ferry.runtime.deadletter;

import dev.ferry.log.DirectoryLock;
import dev.ferry.runtime.deadletter.internal.RecordReader;
import dev.ferry.runtime.deadletter.internal.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A sink's dead letters as the command line sees them: read without the lock, while the agent may be running, and
 * asked for through request files that the {@link DeadLetterStore}'s owner takes up.
 */
public final class DeadLetterFiles {

    private DeadLetterFiles() {}

    /** Where the dead letters of the sink named {@code sink} live. */
    public static Path directory(Path dataDir, String sink) {
        return dataDir.resolve("dead-letters").resolve(sink);
    }

    /** Asks the agent that holds {@code dir} (now, or at its next start) to send every dead letter held again. */
    public static void requestReplay(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DeadLetterStore.REPLAY_REQUEST), Instant.now().toString());
    }

    /** Asks the agent that holds {@code dir} to delete every dead letter. */
    public static void requestPurge(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DeadLetterStore.PURGE_REQUEST), Instant.now().toString());
    }

    /** True while a request left for the running agent has not been taken up. */
    public static boolean requestPending(Path dir) {
        return Files.exists(dir.resolve(DeadLetterStore.REPLAY_REQUEST)) || Files.exists(dir.resolve(DeadLetterStore.PURGE_REQUEST));
    }

    /** True while an agent holds the store of {@code dir}. */
    public static boolean inUse(Path dir) throws IOException {
        Path lockFile = dir.resolve(DeadLetterStore.LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (DirectoryLock probe = DirectoryLock.tryAcquire(lockFile)) {
            return probe == null;
        }
    }


    /** True while a replay is under way (or waits for the agent's next start). */
    public static boolean replayPending(Path dir) {
        return Files.exists(dir.resolve(DeadLetterStore.REPLAYING)) || Files.exists(dir.resolve(DeadLetterStore.REPLAY_REQUEST));
    }

    /** Reads every whole dead letter in {@code dir}, oldest first, without taking the lock. */
    public static void read(Path dir, Consumer<DeadLetter> each) throws IOException {
        for (Long number : SegmentFiles.numbers(dir)) {
            try (RecordReader reader = new RecordReader(SegmentFiles.segment(dir, number))) {
                DeadLetter letter;
                while ((letter = reader.next()) != null) {
                    each.accept(letter);
                }
            } catch (NoSuchFileException e) {
                // deleted by the running agent (replayed, evicted) while we read: nothing left to show
            }
        }
    }

    /** The evictions counted in {@code dir}, read without the lock. */
    public static long evictedIn(Path dir) throws IOException {
        return SegmentFiles.readNumber(dir.resolve(DeadLetterStore.EVICTED));
    }

    /** Sink names that have a dead-letter directory under {@code dataDir}. */
    public static List<String> sinksWithStores(Path dataDir) throws IOException {
        Path root = dataDir.resolve("dead-letters");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var list = Files.list(root)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
