package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.api.Source;
import dev.ferry.api.config.Durations;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pieces of stopping a source that both runners share. */
final class Stopping {

    private static final Logger log = LoggerFactory.getLogger(Stopping.class);

    private Stopping() {}

    /** Waits for {@code thread} to end within {@code bound}; true when it ended (or never started). */
    static boolean join(@Nullable Thread thread, Duration bound) {
        if (thread == null) {
            return true;
        }
        try {
            return thread.join(bound.isNegative() ? Duration.ZERO : bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    /** Waits for appends in flight; true when none is left. */
    static boolean drain(AppendGate gate, Duration bound) {
        try {
            return gate.awaitIdle(bound.isNegative() ? Duration.ZERO : bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes the plugin; a plugin that throws from close has a bug, logged, and the source counts as closed. */
    static void close(String name, Source source) {
        try {
            source.close();
        } catch (RuntimeException bug) {
            log.error("source {}: close failed (a bug in the plugin); the source is stopped all the same", name, bug);
        }
    }

    static void reportStopped(String name, HealthReporter health, boolean clean, Duration bound) {
        if (!clean) {
            log.warn("source {}: its threads did not end within {} of being stopped; its readings are refused all "
                    + "the same", name, Durations.format(bound));
        }
        health.report(HealthState.STOPPED, "");
    }

    /** The schedule loop itself broke: a bug in the runtime, not the plugin, so the source is DOWN for good. */
    static void scheduleFailed(String name, HealthReporter health, Throwable bug) {
        log.error("source {}: its schedule stopped on an unexpected error; the source no longer reads", name, bug);
        health.report(HealthState.DOWN, "schedule stopped: " + Failures.describe(bug));
    }
}
