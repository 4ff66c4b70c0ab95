package dev.ferry.log.internal;

import dev.ferry.log.OverflowPolicy;

/**
 * How much the log keeps and what happens when it is full, changed while the log runs (a reload of the config).
 * The writer thread and appending threads read it; one volatile reference makes a change atomic for all of them.
 */
public final class Retention {

    private record Limits(long maxBytes, long maxAgeMillis, OverflowPolicy overflow) {}

    private volatile Limits limits;

    public Retention(long maxBytes, long maxAgeMillis, OverflowPolicy overflow) {
        this.limits = new Limits(maxBytes, maxAgeMillis, overflow);
    }

    public void set(long maxBytes, long maxAgeMillis, OverflowPolicy overflow) {
        limits = new Limits(maxBytes, maxAgeMillis, overflow);
    }

    public long maxBytes() {
        return limits.maxBytes();
    }

    public long maxAgeMillis() {
        return limits.maxAgeMillis();
    }

    public OverflowPolicy overflow() {
        return limits.overflow();
    }
}
