package dev.ferry.agent;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Durations;
import dev.ferry.log.DurableLog;
import dev.ferry.log.Storage;
import dev.ferry.log.internal.SegmentFiles;
import dev.ferry.runtime.pipeline.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking over the data directory of an agent that is stopping ({@code ferry run --take-over}): this agent has read
 * and checked its config and loaded its plugins already, and waits only for the other to stop its sources, commit,
 * save every sink's position and release the log; then it starts. Collection pauses for the other's stop and this
 * one's start, the <em>collection gap</em>, measured from the other's last commit (the newest segment file's
 * modification time) to this one's first and logged.
 */
final class DataDirHandOver {

    private static final Duration POLL = Duration.ofMillis(2);
    private static final Duration FIRST_COMMIT_LIMIT = Duration.ofMinutes(1);

    private DataDirHandOver() {}

    private static Logger log() {
        return LoggerFactory.getLogger(DataDirHandOver.class);
    }

    /**
     * Waits until no agent has the log in {@code logDir} open.
     *
     * @return when the agent that had it open last committed; null when the log holds nothing yet
     * @throws UserError when it is still open after {@code limit}
     */
    static @Nullable Instant awaitRelease(Path dataDir, Path logDir, Duration limit)
            throws UserError, InterruptedException, IOException {
        if (!DurableLog.inUse(logDir)) {
            // the agent before ended already (killed, or it failed): the gap is still measured from its last commit
            log().info("no agent holds {}; taking it over at once", logDir);
            Instant last = Files.isDirectory(logDir) ? lastCommit(logDir) : Instant.EPOCH;
            return last.equals(Instant.EPOCH) ? null : last;
        }
        log().info("waiting for the agent using {} to stop and let go of it (ferry run --take-over, at most {})", logDir,
                Durations.format(limit));
        Path waiting = waitingFile(dataDir);
        Files.writeString(waiting, Long.toString(ProcessHandle.current().pid()));
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            while (DurableLog.inUse(logDir)) {
                if (System.nanoTime() > deadline) {
                    throw new UserError("the agent using " + logDir + " did not let go of it within "
                            + Durations.format(limit) + "; stop it, or start this one without --take-over once it has");
                }
                TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
            }
        } finally {
            Files.deleteIfExists(waiting);
        }
        return lastCommit(logDir);
    }

    /**
     * Where an agent waiting to take over writes its process id while it waits, so that the running agent that
     * started it (SIGUSR2) knows when to let go.
     */
    static Path waitingFile(Path dataDir) {
        return dataDir.resolve("take-over.pid");
    }

    /** The modification time of the newest segment file: when the log was last written. */
    static Instant lastCommit(Path logDir) throws IOException {
        Instant last = Instant.EPOCH;
        for (Path segment : SegmentFiles.list(Storage.DISK, logDir)) {
            Instant modified = Files.getLastModifiedTime(segment).toInstant();
            if (modified.isAfter(last)) {
                last = modified;
            }
        }
        return last;
    }

    /** Logs the collection gap once this agent's first reading is in the log; in the background. */
    static void reportGap(Agent agent, Instant previousLastCommit) {
        long before = agent.log().nextSeq();
        Thread.ofVirtual().name("take-over-gap").start(() -> {
            long deadline = System.nanoTime() + FIRST_COMMIT_LIMIT.toNanos();
            try {
                while (agent.log().nextSeq() == before && System.nanoTime() < deadline && agent.running()) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (agent.log().nextSeq() == before) {
                log().warn("took over the data directory, but no reading was stored within {}", Durations.format(FIRST_COMMIT_LIMIT));
                return;
            }
            Instant first = Instant.now();
            log().info("took over the data directory: collection gap {} ms (the previous agent's last commit at {},"
                    + " this agent's first at {}; this agent is pid {})", Duration.between(previousLastCommit, first).toMillis(),
                    previousLastCommit, first, ProcessHandle.current().pid());
        });
    }
}
