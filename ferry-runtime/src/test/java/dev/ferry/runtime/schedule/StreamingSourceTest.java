package dev.ferry.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Emitter;
import dev.ferry.api.HealthState;
import dev.ferry.api.Reading;
import dev.ferry.api.StreamingSource;
import dev.ferry.api.Value;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.health.LogCapture;
import dev.ferry.runtime.retry.HighestRandom;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamingSourceTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Instant t0 = ticker.now();
    /** On a ticker of its own: the registry's timer for held-back log lines must not count among the sleepers. */
    private final HealthRegistry health = new HealthRegistry(new ManualTicker());
    private final RecordingAppender appender = new RecordingAppender();

    /** Fails its first starts, then hands its emitter to the test and blocks until closed. */
    static final class ListeningSource implements StreamingSource {
        final List<Instant> starts = new CopyOnWriteArrayList<>();
        final AtomicReference<Emitter> emitter = new AtomicReference<>();
        final AtomicInteger closes = new AtomicInteger();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final int failures;
        private final ManualTicker ticker;

        ListeningSource(int failures, ManualTicker ticker) {
            this.failures = failures;
            this.ticker = ticker;
        }

        @Override
        public void start(Emitter out) throws IOException, InterruptedException {
            starts.add(ticker.now());
            if (starts.size() <= failures) {
                throw new IOException("port 5683 in use");
            }
            emitter.set(out);
            closed.await();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }

    @Test
    void aFailingStartIsRetriedWithBackoffAndMalformedMessagesQuarantineUntilGoodOnesCome() throws Exception {
        ListeningSource source = new ListeningSource(3, ticker);
        List<String> changes = new CopyOnWriteArrayList<>();
        health.addListener((component, previous, current) -> changes.add(current.toString()));
        Settings settings = Settings.defaults().tags(Map.of("site", "plant-3")).quarantine(3, Duration.ofMinutes(1));
        SourceRunner runner = SourceRunner.create(new ScheduledSource("ingress", settings.build(), source),
                new RunnerContext(appender, health.reporter("source ingress"), ticker, new HighestRandom(),
                        new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30))));
        try (LogCapture log = new LogCapture()) {
            runner.start();
            while (source.emitter.get() == null) {
                ticker.awaitSleepers(1);
                ticker.advanceTo(ticker.nextDeadline().orElseThrow());
                await().atMost(Duration.ofSeconds(10)).until(() -> source.emitter.get() != null || ticker.sleepers() == 1);
            }
            assertThat(source.starts).containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(3), t0.plusSeconds(7));
            assertThat(runner.stats().transientErrors()).isEqualTo(3);

            Emitter out = source.emitter.get();
            out.emit(List.of(Reading.of("x", "count", Value.of(1L), "", t0)));
            out.malformed("CoAP payload is not CBOR");
            out.malformed("CoAP payload is not CBOR");
            out.malformed("CoAP payload is not CBOR");
            out.malformed("CoAP payload is not CBOR");
            out.emit(List.of(Reading.of("x", "count", Value.of(2L), "", t0)));

            assertThat(changes).containsExactly("STARTING", "DEGRADED (stopped: port 5683 in use; restarting)",
                    "UP", "QUARANTINED (quarantined after 3 malformed messages in a row: CoAP payload is not CBOR)", "UP");
            assertThat(appender.readings).extracting(Reading::source).containsOnly("ingress");
            assertThat(appender.readings).extracting(r -> r.tags().get("site")).containsOnly("plant-3");
            assertThat(runner.stats().counts()).isEqualTo(new SourceStats(2, 2, 3, 0, 4, 0, 0, 1, null));
            assertThat(log.linesContaining("CoAP payload is not CBOR")).hasSize(2); // first occurrence, quarantine
            assertThat(log.stackTraceLines()).isEmpty();

            assertThat(runner.stop(Duration.ofSeconds(10))).isTrue();
            CompletionStage<Void> late = out.emit(List.of(Reading.of("x", "count", Value.of(3L), "", t0)));
            assertThat(late.toCompletableFuture()).isCompletedExceptionally();
            assertThat(appender.readings).hasSize(2);
            assertThat(source.closes).hasValue(1);
            assertThat(health.health("source ingress").orElseThrow().state()).isEqualTo(HealthState.STOPPED);
        }
    }

    @Test
    void aStartThatReturnsLeavesTheSourceUpOnItsOwnMachinery() throws Exception {
        AtomicReference<Emitter> emitter = new AtomicReference<>();
        AtomicInteger closes = new AtomicInteger();
        StreamingSource source = new StreamingSource() {
            @Override
            public void start(Emitter out) {
                emitter.set(out);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        SourceRunner runner = SourceRunner.create(new ScheduledSource("push", Settings.defaults().build(), source),
                new RunnerContext(appender, health.reporter("source push"), ticker, new HighestRandom(), RetryPolicy.DEFAULT));
        runner.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.health("source push").orElseThrow().state() == HealthState.UP);
        Thread pusher = Thread.ofVirtual().start(() -> {
            try {
                emitter.get().emit(List.of(Reading.of("x", "v", Value.of(1.0), "", t0)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        pusher.join();
        assertThat(appender.of("push")).hasSize(1);
        assertThat(runner.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(closes).hasValue(1);
    }
}
