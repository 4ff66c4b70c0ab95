package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines about what devices do wrong, at most one a minute per kind: a device that retries a refused request
 * every second must not flood the journal. The lines in between are counted into the next one. Thread-safe.
 */
final class QuietLog {

    static final Duration QUIET = Duration.ofMinutes(1);

    private final Logger log;
    private final Clock clock;
    private final Map<String, Instant> lastLogged = new HashMap<>();
    private final Map<String, Long> suppressed = new HashMap<>();

    QuietLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Logs {@code message} unless a line of the same {@code kind} went out within the last minute. */
    synchronized void log(Level level, String kind, String message) {
        Instant now = clock.instant();
        @Nullable Instant last = lastLogged.get(kind);
        if (last != null && now.isBefore(last.plus(QUIET))) {
            suppressed.merge(kind, 1L, Long::sum);
            return;
        }
        long earlier = suppressed.getOrDefault(kind, 0L);
        suppressed.remove(kind);
        lastLogged.put(kind, now);
        log.atLevel(level).log(earlier == 0 ? message : message + " (and " + earlier + " more like it in the last"
                + " minutes, not logged)");
    }
}
