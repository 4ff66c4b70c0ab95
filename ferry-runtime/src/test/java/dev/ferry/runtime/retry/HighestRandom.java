package dev.ferry.runtime.retry;

import java.util.random.RandomGenerator;

/** Always draws the top of the range asked for, so a backoff's delays equal their ceilings. */
public final class HighestRandom implements RandomGenerator {

    @Override
    public long nextLong() {
        return Long.MAX_VALUE;
    }

    @Override
    public long nextLong(long bound) {
        return bound - 1;
    }
}
