package dev.ferry.runtime.pipeline;

import dev.ferry.api.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a sink's refusals once per distinct cause: the first refusal with a reason is logged at once, later ones with
 * the same reason are counted and told in the next line about it, at most one a minute. A broker that refuses every
 * reading of one source writes one line a minute, not one per reading. Used by the runner's thread only.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
    static final Duration QUIET = Duration.ofMinutes(1);
    /** Causes remembered at most; beyond, the memory starts afresh (a flood of distinct reasons is itself news). */
    private static final int MAX_CAUSES = 256;

    private static final class Cause {
        Instant lastLine;
        long unlogged;

        Cause(Instant lastLine) {
            this.lastLine = lastLine;
        }
    }

    private final String sink;
    private final Clock clock;
    private final Map<String, Cause> causes = new HashMap<>();

    RefusalLog(String sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** {@code entries} entries were refused with {@code refusal}; {@code outcome} says what became of them. */
    void refused(Refusal refusal, int entries, String outcome) {
        Instant now = clock.instant();
        String key = refusal.code() + '\u0000' + refusal.reason();
        Cause cause = causes.get(key);
        if (cause != null && now.isBefore(cause.lastLine.plus(QUIET))) {
            cause.unlogged += entries;
            return;
        }
        if (cause == null && causes.size() >= MAX_CAUSES) {
            causes.clear();
        }
        String earlier = cause == null || cause.unlogged == 0 ? ""
                : " (" + cause.unlogged + " more refused for the same reason since the last such line)";
        log.warn("sink {}: {} {} refused for good: {}; {}{}", sink, entries, entries == 1 ? "entry" : "entries",
                refusal.reason(), outcome, earlier);
        if (cause == null) {
            causes.put(key, new Cause(now));
        } else {
            cause.lastLine = now;
            cause.unlogged = 0;
        }
    }
}
