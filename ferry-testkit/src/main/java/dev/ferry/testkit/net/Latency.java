package dev.ferry.testkit.net;

import java.time.Duration;

/** A fixed delay plus a random extra in [0, jitter]; one value, so that a change of both is seen at once. */
record Latency(Duration delay, Duration jitter) {

    static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

    Latency {
        Checks.nonNegative("latency", delay);
        Checks.nonNegative("latency jitter", jitter);
    }

    /** The delay for a draw in [0, 1). */
    Duration sample(double draw) {
        long extra = jitter.toNanos();
        return extra <= 0 ? delay : delay.plusNanos((long) (draw * (extra + 1)));
    }
}
