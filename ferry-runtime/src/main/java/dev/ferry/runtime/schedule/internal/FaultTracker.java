package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.runtime.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's fault state: the backoff for transient faults, the run of malformed reads, quarantine, and the
 * health and log lines that go with them. Expected faults never log a stack trace; a run of malformed data logs
 * its first occurrence and a summary, never one line per frame, and runs that follow each other within a minute are
 * counted into the next line rather than logged each (a device that garbles one frame in ten must not flood the
 * journal); an unexpected exception logs its stack trace once per run of failures. Thread-safe (a streaming source
 * reports from its own threads).
 */
final class FaultTracker {

    private static final Logger log = LoggerFactory.getLogger(FaultTracker.class);
    /** The least time between two log lines about malformed data from one source. */
    static final Duration MALFORMED_LOG_QUIET = Duration.ofMinutes(1);

    private final String name;
    private final HealthReporter health;
    private final Backoff backoff;
    private final int malformedThreshold;
    private final String what;
    private final Clock clock;
    private final LongAdder quarantines;
    private int malformedInRow;
    private boolean runLogged;
    private @Nullable Instant lastMalformedLog;
    private long unloggedMalformed;
    private boolean quarantined;
    private boolean unexpectedLogged;

    /**
     * @param what the plural noun for one unit of input in messages: {@code reads}, {@code messages}
     * @param quarantines counts each time the source is quarantined
     */
    FaultTracker(String name, HealthReporter health, Backoff backoff, int malformedThreshold, String what, Clock clock,
            LongAdder quarantines) {
        this.name = name;
        this.quarantines = quarantines;
        this.clock = clock;
        this.health = health;
        this.backoff = backoff;
        this.malformedThreshold = malformedThreshold;
        this.what = what;
    }

    /** Good data: the backoff restarts, a malformed run ends, quarantine lifts, health is UP. */
    synchronized void succeeded() {
        backoff.reset();
        unexpectedLogged = false;
        if (malformedInRow > 0 && runLogged) {
            log.info("source {}: good data again after {} malformed {} in a row", name, malformedInRow, what);
        }
        malformedInRow = 0;
        runLogged = false;
        quarantined = false;
        health.up();
    }

    /** A streaming source's start returned: it runs on its own machinery, UP until it says otherwise. */
    synchronized void started() {
        if (!quarantined) {
            health.up();
        }
    }

    /**
     * A transient fault (I/O error, timeout): health DEGRADED with {@code reason}, unless quarantined, which says
     * more. Returns the backoff before the next attempt.
     */
    synchronized Duration transientFault(String reason) {
        if (!quarantined) {
            health.report(HealthState.DEGRADED, reason);
        }
        return backoff.nextDelay();
    }

    /** An exception the plugin's contract does not allow: a bug, logged with its stack trace once, then transient. */
    synchronized Duration unexpected(String context, Throwable failure) {
        if (!unexpectedLogged) {
            unexpectedLogged = true;
            log.error("source {}: {}; retrying as for a transient fault (this is a bug in the plugin)", name, context,
                    failure);
        }
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return transientFault(context + ": " + (message == null || message.isBlank() ? type : type + ": " + message));
    }

    /** Data that made no sense; {@code malformed_threshold} of them in a row quarantine the source. */
    synchronized void malformed(String message) {
        malformedInRow++;
        Instant now = clock.instant();
        if (malformedInRow == 1 && (lastMalformedLog == null || !now.isBefore(lastMalformedLog.plus(MALFORMED_LOG_QUIET)))) {
            String earlier = unloggedMalformed == 0 ? "" : " (" + unloggedMalformed + " more malformed " + what
                    + " since the last such line)";
            log.warn("source {}: malformed data: {}{}; further malformed {} are counted, not logged, until good data "
                    + "comes", name, message, earlier, what);
            lastMalformedLog = now;
            unloggedMalformed = 0;
            runLogged = true;
        } else if (!runLogged) {
            unloggedMalformed++;
        }
        if (malformedInRow >= malformedThreshold && !quarantined) {
            quarantined = true;
            quarantines.increment();
            health.report(HealthState.QUARANTINED,
                    "quarantined after " + malformedInRow + " malformed " + what + " in a row: " + message);
        }
    }

    synchronized boolean quarantined() {
        return quarantined;
    }
}
