package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.RateLimitConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per device, on the injected clock. At most {@code devices} buckets are kept: the least recently
 * seen device's bucket is forgotten to make room, and that device starts with a full bucket when it comes back.
 * Thread-safe.
 */
final class RateLimiter {

    private final RateLimitConfig config;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets;

    RateLimiter(RateLimitConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > config.devices();
            }
        };
    }

    /** Zero when {@code device} may make a request now; else how long it should wait. */
    synchronized Duration acquire(DeviceIdentity device) {
        return buckets.computeIfAbsent(device.key(), key -> new TokenBucket(config.rate(), config.burst(), clock.instant()))
                .take(clock.instant());
    }

    synchronized int trackedDevices() {
        return buckets.size();
    }
}
