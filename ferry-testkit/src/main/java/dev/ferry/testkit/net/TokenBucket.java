package dev.ferry.testkit.net;

import java.time.Duration;

/**
 * Paces bytes to a rate. Shared by every connection of one direction, so the cap holds for the link as a whole,
 * as a slow uplink would. It starts full and holds at most a tenth of a second's worth, so B bytes never pass in
 * less than {@code (B - burst) / rate}. Real time ({@code System.nanoTime}): it paces real sockets.
 */
final class TokenBucket {

    private final long bytesPerSecond;
    private final int burst;
    /** May go negative: bytes taken ahead of the rate, which their taker pays for by sleeping. */
    private double tokens;
    private long refilledAt = System.nanoTime();

    TokenBucket(long bytesPerSecond) {
        this.bytesPerSecond = Checks.positive("bandwidth in bytes per second", bytesPerSecond);
        this.burst = Math.clamp(bytesPerSecond / 10, 1, 64 * 1024);
        this.tokens = burst;
    }

    /** The most bytes worth taking at once. */
    int burst() {
        return burst;
    }

    /** Takes {@code bytes} worth of the rate, sleeping until the rate allows them. Callers are served in turn. */
    void take(int bytes) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * (double) bytesPerSecond / 1e9);
            refilledAt = now;
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / bytesPerSecond);
        }
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
    }
}
