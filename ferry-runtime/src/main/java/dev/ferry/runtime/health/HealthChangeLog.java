package dev.ferry.runtime.health;

import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.api.config.Durations;
import dev.ferry.runtime.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one component's health changes write to the log. A change is logged at once when the component's last line
 * is a minute old or more; changes within that minute are counted, and a minute after the last line one line says
 * what they were: {@code source boiler: DEGRADED (read timed out after 5s); 11 changes in the last 1m, now UP}. A
 * source failing one read in five then writes one line a minute, not one per read. A change to a worse state than
 * the last line showed (DEGRADED to QUARANTINED or DOWN) and STOPPED are logged at once, so neither is reported
 * late. Thread-safe.
 */
final class HealthChangeLog {

    static final Duration QUIET = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);

    private final String component;
    private final Ticker ticker;
    private @Nullable Instant lastLine;
    private int unlogged;
    /** Among the changes not yet logged, the first of the worst (it explains the flapping). */
    private @Nullable Health notable;
    /** How bad the last line said the component was, at worst. */
    private int loggedSeverity;
    private @Nullable Health latest;
    private boolean writeScheduled;

    HealthChangeLog(String component, Ticker ticker) {
        this.component = component;
        this.ticker = ticker;
    }

    /** The component's health changed to {@code current}. */
    synchronized void changed(Health current) {
        unlogged++;
        latest = current;
        if (notable == null || severity(current) > severity(notable)) {
            notable = current;
        }
        Instant now = ticker.now();
        if (due(now) || current.state() == HealthState.STOPPED || severity(current) > loggedSeverity) {
            write(current, now);
        } else if (!writeScheduled) {
            writeScheduled = true;
            Thread.ofVirtual().name("health log " + component).start(this::writeWhenDue);
        }
    }

    /** On its own thread: a component that stopped flapping may report nothing more, and the log must catch up. */
    private void writeWhenDue() {
        try {
            while (true) {
                Instant dueAt;
                synchronized (this) {
                    if (unlogged == 0 || latest == null) {
                        writeScheduled = false;
                        return;
                    }
                    Instant now = ticker.now();
                    if (due(now)) {
                        writeScheduled = false;
                        write(latest, now);
                        return;
                    }
                    dueAt = lastLine.plus(QUIET);
                }
                ticker.sleepUntil(dueAt);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean due(Instant now) {
        return lastLine == null || !now.isBefore(lastLine.plus(QUIET));
    }

    private void write(Health current, Instant now) {
        Health shown = notable != null ? notable : current;
        String line = component + ": " + shown;
        if (unlogged > 1) {
            line += "; " + unlogged + " changes in the last "
                    + Durations.format(Duration.between(lastLine, now).withNanos(0))
                    + (shown == current ? "" : ", now " + current);
        }
        if (severity(shown) > 0 || severity(current) > 0) {
            log.warn(line);
        } else {
            log.info(line);
        }
        lastLine = now;
        loggedSeverity = Math.max(severity(shown), severity(current));
        unlogged = 0;
        notable = null;
        latest = null;
    }

    /** 0 for the states that need no attention, then worse and worse. */
    private static int severity(Health health) {
        return switch (health.state()) {
            case STARTING, UP, STOPPED -> 0;
            case DEGRADED -> 1;
            case QUARANTINED -> 2;
            case DOWN -> 3;
        };
    }
}
