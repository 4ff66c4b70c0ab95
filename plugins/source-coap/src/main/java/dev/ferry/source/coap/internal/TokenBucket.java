package dev.ferry.source.coap.internal;

import java.time.Duration;
import java.time.Instant;

/** A token bucket on an injected clock: {@code burst} tokens, refilled at {@code rate} per second. Not thread-safe. */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private Instant updated;

    TokenBucket(double rate, int burst, Instant now) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.updated = now;
    }

    /** Takes a token; returns zero when one was there, else how long until one will be. */
    Duration take(Instant now) {
        if (now.isAfter(updated)) {
            double seconds = Duration.between(updated, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + seconds * rate);
            updated = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
    }
}
