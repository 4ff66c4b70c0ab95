package dev.ferry.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Refusal;
import dev.ferry.api.UnsendableBatchException;
import dev.ferry.runtime.config.SinkSettings.OnRefused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Poison isolation as a model: random logs with poison readings at random places, random batch sizes and windows,
 * and a sink that fails every batch holding a poison (by throwing, or by failing its stage). Every other reading is
 * delivered, in log order, exactly once when one batch is in flight at a time (at least once with a window, where
 * batches after a failed one were already delivered); every poison is dead-lettered exactly once.
 */
class PoisonIsolationProperties {

    record Scenario(int readings, Set<Long> poison, int batchSize, int window, boolean throwing) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(1, 300).flatMap(readings -> Combinators.combine(
                Arbitraries.longs().between(0, readings - 1).set().ofMaxSize(Math.min(readings, 12)),
                Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(1, 4),
                Arbitraries.of(true, false)).as((poison, batch, window, throwing) -> new Scenario(readings, poison, batch, window, throwing)));
    }

    @Property(tries = 40)
    void everyGoodReadingIsDeliveredInOrderAndEveryPoisonDeadLetteredOnce(@ForAll("scenarios") Scenario scenario) throws Exception {
        List<Long> delivered = new CopyOnWriteArrayList<>();
        Refusal unencodable = new Refusal("unencodable", "a value the encoding cannot carry");
        AnsweringSink sink = new AnsweringSink(scenario.batchSize(), scenario.window(), batch -> {
            if (batch.entries().stream().anyMatch(e -> scenario.poison().contains(e.firstSeq()))) {
                if (scenario.throwing()) {
                    throw new IllegalStateException("poison");
                }
                return CompletableFuture.failedFuture(new UnsendableBatchException(unencodable));
            }
            batch.entries().forEach(e -> delivered.add(e.firstSeq()));
            return CompletableFuture.completedFuture(null);
        });
        Path dir = Files.createTempDirectory("isolation");
        try (RunningSink running = new RunningSink(dir, scenario.readings(), sink, OnRefused.DEAD_LETTER)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> running.cursor.committedSeq() == scenario.readings());

            List<Long> good = LongStream.range(0, scenario.readings()).filter(s -> !scenario.poison().contains(s)).boxed().toList();
            assertThat(new ArrayList<>(new LinkedHashSet<>(delivered))).as("first deliveries in log order").isEqualTo(good);
            if (scenario.window() == 1) {
                assertThat(delivered).as("nothing delivered twice").hasSameSizeAs(good);
            }
            assertThat(running.deadLetters()).extracting(l -> l.entry().firstSeq())
                    .containsExactlyElementsOf(scenario.poison().stream().sorted().toList());
            assertThat(running.runner.stats().sentEntries()).isGreaterThanOrEqualTo(good.size());
            assertThat(sink.sent.stream().mapToInt(Batch::size).max().orElse(0)).isLessThanOrEqualTo(scenario.batchSize());
            for (Batch batch : sink.sent) {
                assertThat(batch.entries()).extracting(LogEntry::firstSeq).isSorted();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
