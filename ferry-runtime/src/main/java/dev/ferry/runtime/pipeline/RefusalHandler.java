package dev.ferry.runtime.pipeline;

import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.api.UnsendableBatchException;
import dev.ferry.runtime.config.SinkSettings.OnRefused;
import dev.ferry.runtime.deadletter.DeadLetterStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a sink runner does with entries refused for good, the same for every sink: under {@code dead-letter} they
 * are written to the sink's {@link DeadLetterStore} (durably, before the cursor moves past them); under
 * {@code retry} they are held in the log. Either way the refusal is counted by code, logged once per cause
 * ({@link RefusalLog}), and the sink reported DEGRADED with the reason until no refusal came for a while. Used by
 * the runner's thread; the counters may be read from any thread.
 */
final class RefusalHandler {

    private final OnRefused policy;
    private final DeadLetterStore store;
    private final HealthReporter health;
    private final Clock clock;
    private final Duration quiet;
    private final RefusalLog lines;
    private final AtomicLong refused = new AtomicLong();
    private final Map<String, AtomicLong> byCode = new TreeMap<>();
    private @Nullable Instant lastRefusal;
    private @Nullable String healthCode;
    private @Nullable Instant healthReported;

    /** @param quiet how long after the last refusal a delivered batch makes the sink UP again */
    RefusalHandler(String sink, OnRefused policy, DeadLetterStore store, HealthReporter health, Clock clock, Duration quiet) {
        this.policy = policy;
        this.store = store;
        this.health = health;
        this.clock = clock;
        this.quiet = quiet;
        this.lines = new RefusalLog(sink, clock);
    }

    boolean deadLetters() {
        return policy == OnRefused.DEAD_LETTER;
    }

    DeadLetterStore store() {
        return store;
    }

    /**
     * Entries were refused for good. Under {@code dead-letter} they are stored and true is returned: the cursor may
     * move past them. Under {@code retry} nothing is stored and false is returned: the batch is to be held.
     *
     * @throws IOException the dead letters could not be written: the entries must not be skipped
     */
    boolean refused(List<Refused> entries) throws IOException {
        if (deadLetters()) {
            store.add(entries, clock.instant());
        }
        String outcome = deadLetters() ? "set aside in " + store.directory() + " (see `ferry deadletter list`)"
                : "held in the log and sent again with backoff (on_refused: retry)";
        Refusal first = entries.getFirst().refusal();
        int sameAsFirst = 0;
        for (Refused entry : entries) {
            if (entry.refusal().equals(first)) {
                sameAsFirst++;
            } else {
                lines.refused(entry.refusal(), 1, outcome);
            }
            synchronized (byCode) {
                byCode.computeIfAbsent(entry.refusal().code(), code -> new AtomicLong()).incrementAndGet();
            }
        }
        lines.refused(first, sameAsFirst, outcome);
        refused.addAndGet(entries.size());
        Instant now = clock.instant();
        lastRefusal = now;
        // A new cause replaces the reason at most once per quiet period, so alternating causes cannot flood the log.
        boolean fresh = healthCode == null || healthReported == null || !now.isBefore(healthReported.plus(RefusalLog.QUIET));
        if (fresh && !first.code().equals(healthCode)) {
            healthCode = first.code();
            healthReported = now;
            health.report(HealthState.DEGRADED, "refused for good: " + first.reason() + "; "
                    + (deadLetters() ? "dead-lettered" : "held and retried with backoff"));
        }
        return deadLetters();
    }

    /** A batch was delivered whole: UP, unless a refusal came within the quiet period. */
    void delivered() {
        Instant last = lastRefusal;
        if (last == null || !clock.instant().isBefore(last.plus(quiet))) {
            healthCode = null;
            health.up();
        }
    }

    /** Another state was reported (a failed send): the next refusal reports its reason again. */
    void healthReplaced() {
        healthCode = null;
    }

    /**
     * The refusal behind a failure that would happen again if the same batch were sent unchanged: the sink said so
     * ({@link UnsendableBatchException}) or threw; null for a transient failure.
     */
    static @Nullable Refusal deterministic(Throwable failure) {
        if (failure instanceof UnsendableBatchException unsendable) {
            return unsendable.refusal();
        }
        if (failure instanceof RuntimeException) {
            String message = failure.getMessage();
            String type = failure.getClass().getSimpleName();
            return new Refusal("send_threw", "the sink's send failed with " + (message == null || message.isBlank()
                    ? type : type + ": " + message.lines().findFirst().orElse("")));
        }
        return null;
    }

    long refusedEntries() {
        return refused.get();
    }

    Map<String, Long> refusedByCode() {
        Map<String, Long> copy = new TreeMap<>();
        synchronized (byCode) {
            byCode.forEach((code, count) -> copy.put(code, count.get()));
        }
        return copy;
    }
}
