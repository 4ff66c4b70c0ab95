package dev.ferry.runtime.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The one retry policy of Ferry, shared by every source and sink: exponential growth with a cap and full jitter.
 * The wait before retry number {@code n} (counted from 0) is uniformly random in
 * {@code [0, min(max, initial · multiplier^n)]}; full jitter spreads the retries of many gateways that failed at
 * the same moment (a broker restart) instead of having them come back in waves.
 *
 * <p>Not thread-safe: one instance belongs to one retrying loop. Call {@link #nextDelay()} after each failure and
 * {@link #reset()} after a success.
 */
public final class Backoff {

    private final RetryPolicy policy;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this(new RetryPolicy(initial, max), random);
    }

    /** The wait before the next retry; each call counts one more failed attempt. */
    public Duration nextDelay() {
        long ceiling = ceilingNanos(attempt);
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return Duration.ofNanos(ceiling == Long.MAX_VALUE ? random.nextLong(ceiling) : random.nextLong(ceiling + 1));
    }

    /** Back to the first attempt, after a success. */
    public void reset() {
        attempt = 0;
    }

    /** Failed attempts since the last {@link #reset()}. */
    public int attempts() {
        return attempt;
    }

    /** The largest wait the next {@link #nextDelay()} can return. */
    public Duration ceiling() {
        return Duration.ofNanos(ceilingNanos(attempt));
    }

    public RetryPolicy policy() {
        return policy;
    }

    private long ceilingNanos(int n) {
        long max = nanos(policy.max());
        double grown = nanos(policy.initial()) * Math.pow(policy.multiplier(), n);
        return grown >= max ? max : (long) grown;
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
