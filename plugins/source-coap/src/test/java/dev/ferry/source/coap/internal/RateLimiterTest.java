package dev.ferry.source.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.time.ManualTicker;
import dev.ferry.source.coap.RateLimitConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void aBucketRefillsAtTheRateUpToTheBurstAndSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(4, 2, 10), ticker.clock());
        DeviceIdentity device = new DeviceIdentity("d", "t");

        assertThat(limiter.acquire(device)).isZero();
        assertThat(limiter.acquire(device)).isZero();
        assertThat(limiter.acquire(device)).isEqualTo(Duration.ofMillis(250));
        ticker.advance(Duration.ofMillis(100));
        assertThat(limiter.acquire(device)).isEqualTo(Duration.ofMillis(150));
        ticker.advance(Duration.ofMillis(150));
        assertThat(limiter.acquire(device)).isZero();
        ticker.advance(Duration.ofHours(1));
        assertThat(limiter.acquire(device)).isZero();
        assertThat(limiter.acquire(device)).isZero();
        assertThat(limiter.acquire(device)).isPositive();
    }

    @Test
    void theSameNameInTwoTenantsIsTwoDevices() {
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(1, 1, 10), ticker.clock());

        assertThat(limiter.acquire(new DeviceIdentity("sensor-1", "acme"))).isZero();
        assertThat(limiter.acquire(new DeviceIdentity("sensor-1", "globex"))).isZero();
        assertThat(limiter.acquire(new DeviceIdentity("sensor-1", "acme"))).isPositive();
    }

    @Test
    void atMostTheConfiguredNumberOfDevicesIsTrackedForgettingTheLeastRecentlySeen() {
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(1, 1, 3), ticker.clock());
        for (int i = 0; i < 100; i++) {
            limiter.acquire(new DeviceIdentity("d" + i, "t"));
            assertThat(limiter.trackedDevices()).isLessThanOrEqualTo(3);
        }
        assertThat(limiter.acquire(new DeviceIdentity("d99", "t"))).as("recently seen, still empty").isPositive();
        assertThat(limiter.acquire(new DeviceIdentity("d0", "t"))).as("forgotten, full again").isZero();
    }
}
