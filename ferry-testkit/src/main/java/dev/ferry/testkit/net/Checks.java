package dev.ferry.testkit.net;

import java.time.Duration;

/** Argument checks shared by the fault settings; messages quote the value and say what is allowed. */
final class Checks {

    private Checks() {}

    static Duration nonNegative(String what, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or more, was " + value);
        }
        return value;
    }

    static double probability(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability in [0, 1], was " + value);
        }
        return value;
    }

    static long positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, was " + value);
        }
        return value;
    }
}
