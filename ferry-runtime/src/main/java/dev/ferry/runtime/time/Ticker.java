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

    /**
     * Nanoseconds on a clock that only moves forwards, at the pace of real time, whatever is done to the wall clock
     * (NTP steps it, an operator sets it): schedules are kept on it, so that a step of the wall clock neither stalls
     * nor hurries them. Only differences between two readings mean anything.
     */
    long elapsedNanos();

    /** Waits until {@link #elapsedNanos()} reaches {@code nanos}; returns at once when it has. */
    default void sleepUntilElapsed(long nanos) throws InterruptedException {
        sleep(Duration.ofNanos(nanos - elapsedNanos()));
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
