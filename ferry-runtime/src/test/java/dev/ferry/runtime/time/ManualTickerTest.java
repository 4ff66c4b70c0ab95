package dev.ferry.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ManualTickerTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Instant start = ticker.now();

    @Test
    void aSleeperWakesWhenTimeReachesItsDeadlineAndNotBefore() throws Exception {
        AtomicReference<Instant> wokeAt = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                ticker.sleep(Duration.ofSeconds(10));
                wokeAt.set(ticker.now());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        ticker.awaitSleepers(1);
        assertThat(ticker.nextDeadline()).contains(start.plusSeconds(10));

        ticker.advance(Duration.ofSeconds(9));
        assertThat(sleeper.join(Duration.ofMillis(50))).isFalse();
        assertThat(ticker.sleepers()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(1));
        assertThat(sleeper.join(Duration.ofSeconds(10))).isTrue();
        assertThat(wokeAt.get()).isEqualTo(start.plusSeconds(10));
        assertThat(ticker.sleepers()).isZero();
    }

    @Test
    void awaitReturnsTrueAsSoonAsTheFutureCompletes() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        AtomicBoolean result = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                result.set(ticker.await(future, Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        ticker.awaitWaiters(1);
        assertThat(ticker.sleepers()).isZero();

        future.complete("done");
        assertThat(waiter.join(Duration.ofSeconds(10))).isTrue();
        assertThat(result).isTrue();
        assertThat(ticker.now()).isEqualTo(start);
    }

    @Test
    void awaitReturnsFalseWhenTheTimeoutPassesFirst() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        AtomicBoolean result = new AtomicBoolean(true);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                result.set(ticker.await(never, Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        ticker.awaitWaiters(1);
        ticker.advance(Duration.ofSeconds(5));
        assertThat(waiter.join(Duration.ofSeconds(10))).isTrue();
        assertThat(result).isFalse();
    }

    @Test
    void anInterruptEndsASleep() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                ticker.sleep(Duration.ofDays(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        ticker.awaitSleepers(1);
        sleeper.interrupt();
        assertThat(sleeper.join(Duration.ofSeconds(10))).isTrue();
        assertThat(interrupted).isTrue();
    }

    @Test
    void zeroOrNegativeSleepsReturnAtOnce() throws Exception {
        ticker.sleep(Duration.ZERO);
        ticker.sleep(Duration.ofSeconds(-1));
        ticker.sleepUntil(start.minusSeconds(1));
        assertThat(ticker.now()).isEqualTo(start);
    }

    @Test
    void timeNeverMovesBack() {
        assertThatThrownBy(() -> ticker.advance(Duration.ofSeconds(-1))).hasMessageContaining("forward");
        assertThatThrownBy(() -> ticker.advanceTo(start.minusMillis(1))).hasMessageContaining("forward");
    }

    @Test
    void theClockFollowsTheTicker() {
        ticker.advance(Duration.ofMillis(1500));
        assertThat(ticker.clock().instant()).isEqualTo(start.plusMillis(1500));
        assertThat(ticker.clock().withZone(java.time.ZoneId.of("Europe/Paris")).instant()).isEqualTo(ticker.now());
    }

    @Test
    void theSystemTickerWaitsForAFutureOrItsTimeout() throws Exception {
        Ticker system = Ticker.system();
        assertThat(system.await(CompletableFuture.completedFuture(1), Duration.ofSeconds(5))).isTrue();
        assertThat(system.await(CompletableFuture.failedFuture(new RuntimeException()), Duration.ofSeconds(5))).isTrue();
        assertThat(system.await(new CompletableFuture<>(), Duration.ofMillis(1))).isFalse();
    }
}
