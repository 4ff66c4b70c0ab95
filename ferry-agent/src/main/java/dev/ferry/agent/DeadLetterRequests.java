package dev.ferry.agent;

import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Helpers of the commands that leave requests for the agent. */
public final class DeadLetterRequests {

    private DeadLetterRequests() {}

    public static long count(Path dir) throws IOException {
        AtomicLong count = new AtomicLong();
        DeadLetterFiles.read(dir, letter -> count.incrementAndGet());
        return count.get();
    }

    /**
     * Waits until a running agent took the request left in {@code dir} up; false at once when no agent holds the
     * store (the request then waits for its next start), or when {@code limit} passed.
     */
    public static boolean awaitRunningAgent(Path dir, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (DeadLetterFiles.requestPending(dir)) {
            if (!DeadLetterFiles.inUse(dir) || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
