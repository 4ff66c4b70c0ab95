package dev.ferry.testkit.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an asynchronous outcome; the bound is generous, since only a broken proxy ever reaches it. */
final class Poll {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Duration SPIN = Duration.ofMillis(1);

    private Poll() {}

    /** Spins a little first: tests that pace traffic wait for many outcomes that take microseconds. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long waited = System.nanoTime() - start;
            if (waited > BOUND.toNanos()) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            if (waited < SPIN.toNanos()) {
                Thread.onSpinWait();
            } else {
                Thread.sleep(Duration.ofMillis(1));
            }
        }
    }
}
