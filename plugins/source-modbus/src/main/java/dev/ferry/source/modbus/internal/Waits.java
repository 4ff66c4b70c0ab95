package dev.ferry.source.modbus.internal;

import dev.ferry.api.Deadline;

/** How long a read may still wait for the device. */
final class Waits {

    /** The most a read keeps back from its deadline, so that its own, more telling, fault beats the runtime's timeout. */
    private static final long MAX_MARGIN_NANOS = 50_000_000;

    private Waits() {}

    /** Nanoseconds left before the deadline, less a margin of a tenth (at most 50 ms); zero or less when passed. */
    static long nanosLeft(Deadline deadline) {
        long remaining = deadline.remaining().toNanos();
        return remaining - Math.min(remaining / 10, MAX_MARGIN_NANOS);
    }
}
