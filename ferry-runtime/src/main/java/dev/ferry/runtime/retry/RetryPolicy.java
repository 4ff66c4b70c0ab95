package dev.ferry.runtime.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How to space out retries: the first wait is up to {@code initial}, each further one up to {@code multiplier}
 * times the previous ceiling, never more than {@code max}. Immutable; {@link #newBackoff} makes the mutable
 * per-loop state.
 *
 * @param initial ceiling of the first wait; must be > 0
 * @param max largest ceiling; must be >= initial
 * @param multiplier growth of the ceiling per attempt; must be >= 1
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier) {

    /** 1s doubling up to 60s, as sinks default to. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public RetryPolicy {
        if (!initial.isPositive()) {
            throw new IllegalArgumentException("retry initial must be > 0, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry max must be >= initial (" + initial + "), was " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("retry multiplier must be a finite number >= 1, was " + multiplier);
        }
    }

    /** Doubling, the usual multiplier. */
    public RetryPolicy(Duration initial, Duration max) {
        this(initial, max, 2.0);
    }

    /** A fresh backoff at attempt 0, drawing its jitter from {@code random} (which it then owns). */
    public Backoff newBackoff(RandomGenerator random) {
        return new Backoff(this, random);
    }
}
