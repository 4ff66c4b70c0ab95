package dev.ferry.runtime.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime's sense of time: what time it is, and waiting for some of it to pass. Everything that schedules,
 * backs off or ages takes a ticker, so tests drive it with a {@link ManualTicker} instead of sleeping.
 *
 * <p>Thread-safe. Waiting methods may be called from any number of (virtual) threads at once and end early with
 * {@link InterruptedException} when the waiting thread is interrupted.
 */
public interface Ticker {

    /** Real time: the system UTC clock and real sleeping. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    Clock clock();

    default Instant now() {
        return clock().instant();
    }

    /** Waits until {@code duration} has passed on {@link #clock()}; returns at once for zero or negative. */
    void sleep(Duration duration) throws InterruptedException;

    /** Waits until {@code instant} on {@link #clock()}; returns at once when it has passed. */
    default void sleepUntil(Instant instant) throws InterruptedException {
        sleep(Duration.between(now(), instant));
    }

    /**
     * Waits until {@code future} is done (normally, exceptionally or cancelled) or {@code timeout} has passed on
     * {@link #clock()}, whichever comes first.
     *
     * @return true when the future is done, false when the timeout passed first
     */
    boolean await(CompletableFuture<?> future, Duration timeout) throws InterruptedException;
}
