package dev.ferry.bench.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The end of a counting process: wait for the expected readings, print the counts and write them as properties. */
public final class TallyRun {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private TallyRun() {}

    /**
     * Waits until the range is complete, {@code limit} passed, or (after the first message) nothing came for
     * {@code idle}; prints progress to standard error meanwhile, prefixed with {@code who}.
     */
    public static ReadingTally.Snapshot await(String who, ReadingTally tally, Duration limit, Duration idle)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long wait = Math.min(PROGRESS_EVERY.toNanos(), deadline - System.nanoTime());
            if (wait <= 0 || tally.completed().await(wait, TimeUnit.NANOSECONDS)) {
                return tally.snapshot();
            }
            ReadingTally.Snapshot progress = tally.snapshot();
            System.err.printf(Locale.ROOT, "%s: %,d readings (%,d unique) in %,d messages%n", who,
                    progress.readings(), progress.unique(), progress.messages());
            if (progress.readings() != lastCount) {
                lastCount = progress.readings();
                lastChange = System.nanoTime();
            } else if (progress.messages() > 0 && System.nanoTime() - lastChange >= idle.toNanos()) {
                return progress;
            }
        }
    }

    /** Prints the one-line summary and, when {@code results} is given, writes the properties with this process's CPU. */
    public static void report(String who, ReadingTally.Snapshot r, long expected, String cpuKey, Path results)
            throws IOException {
        System.out.printf(Locale.ROOT, "%s: %s: %,d of %,d readings in %.3f s = %,.0f readings/s"
                        + " (%,.0f messages/s); %,d duplicates, %,d outside the range, %,d messages in all%n", who,
                expected == 0 ? "counted" : r.complete() ? "complete" : "INCOMPLETE", r.unique(), expected,
                r.elapsedSeconds(), r.readingsPerSecond(), r.messagesPerSecond(), r.duplicates(), r.outside(), r.messages());
        if (!results.toString().isEmpty()) {
            Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            Files.writeString(results, r.asProperties()
                    + String.format(Locale.ROOT, "%s=%.2f%n", cpuKey, cpu.toNanos() / 1e9));
        }
    }
}
