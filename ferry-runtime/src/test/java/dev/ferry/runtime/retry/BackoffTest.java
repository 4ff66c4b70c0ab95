package dev.ferry.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final RetryPolicy ONE_TO_EIGHT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8));

    @Test
    void ceilingsDoubleFromInitialUpToTheCap() {
        Backoff backoff = ONE_TO_EIGHT.newBackoff(new HighestRandom());
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(backoff.nextDelay());
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(backoff.attempts()).isEqualTo(6);
    }

    @Test
    void resetStartsAgainFromTheInitialDelay() {
        Backoff backoff = ONE_TO_EIGHT.newBackoff(new HighestRandom());
        backoff.nextDelay();
        backoff.nextDelay();
        assertThat(backoff.ceiling()).isEqualTo(Duration.ofSeconds(4));
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        assertThat(delays(new SplittableRandom(42), 20)).isEqualTo(delays(new SplittableRandom(42), 20));
        assertThat(delays(new SplittableRandom(42), 20)).isNotEqualTo(delays(new SplittableRandom(43), 20));
    }

    @Test
    void fullJitterSpreadsDelaysOverTheWholeRange() {
        Backoff backoff = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10)).newBackoff(new SplittableRandom(7));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            delays.add(backoff.nextDelay());
        }
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(10)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(1)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(9)));
    }

    @Property
    void everyDelayLiesBetweenZeroAndItsCeiling(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int attempts,
            @ForAll @LongRange(min = 1, max = 10_000) long initialMillis, @ForAll @IntRange(min = 1, max = 1000) int capFactor) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration max = initial.multipliedBy(capFactor);
        Backoff backoff = new RetryPolicy(initial, max).newBackoff(new SplittableRandom(seed));
        for (int n = 0; n < attempts; n++) {
            Duration ceiling = backoff.ceiling();
            Duration expectedCeiling = n >= 31 ? max : min(max, initial.multipliedBy(1L << n));
            assertThat(ceiling).isEqualTo(expectedCeiling);
            assertThat(backoff.nextDelay()).isBetween(Duration.ZERO, ceiling);
        }
    }

    @Test
    void hugeCapsAndManyAttemptsDoNotOverflow() {
        Backoff backoff = new RetryPolicy(Duration.ofSeconds(1), Duration.ofDays(365_000_000L)).newBackoff(new SplittableRandom(1));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.nextDelay().isNegative()).isFalse();
        }
    }

    @Test
    void policiesThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("initial must be > 0");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("max must be >= initial");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), Double.NaN)).hasMessageContaining("multiplier");
    }

    private static List<Duration> delays(RandomGenerator random, int n) {
        Backoff backoff = RetryPolicy.DEFAULT.newBackoff(random);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(backoff.nextDelay());
        }
        return delays;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
