package dev.ferry.runtime.pipeline;

import dev.ferry.api.Reading;
import dev.ferry.api.Sink;
import dev.ferry.api.Value;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogCursor;
import dev.ferry.log.LogOptions;
import dev.ferry.runtime.config.SinkSettings.OnRefused;
import dev.ferry.runtime.deadletter.DeadLetter;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import dev.ferry.runtime.deadletter.DeadLetterStore;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A sink runner over a real log of {@code readings} readings with values 0, 1, 2..., and its dead-letter store. */
final class RunningSink implements AutoCloseable {

    final DurableLog log;
    final LogCursor cursor;
    final SinkRunner runner;
    final Path deadLetters;
    final Backoff backoff;
    final HealthRegistry health = new HealthRegistry(Ticker.system());

    RunningSink(Path dir, int readings, Sink sink, OnRefused policy) throws Exception {
        log = DurableLog.open(dir.resolve("log"), LogOptions.defaults().withCommitInterval(Duration.ZERO), "gw", Clock.systemUTC());
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            list.add(Reading.of("s", "m", Value.of((long) i), "", Instant.EPOCH));
        }
        if (!list.isEmpty()) {
            log.append(list).join();
        }
        cursor = log.cursor("out");
        deadLetters = dir.resolve("dead-letters");
        backoff = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(20)).newBackoff(new SplittableRandom(1));
        RefusalHandler refusals = new RefusalHandler("out", policy, DeadLetterStore.open(deadLetters, "out", 1 << 24),
                health.reporter("sink out"), Clock.systemUTC(), Duration.ZERO);
        runner = new SinkRunner("out", sink, new OldestFirstCursor(cursor), sink.maxBatchSize(), health.reporter("sink out"),
                backoff, Ticker.system(), refusals);
        runner.start();
    }

    List<DeadLetter> deadLetters() throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        DeadLetterFiles.read(deadLetters, letters::add);
        return letters;
    }

    @Override
    public void close() throws Exception {
        runner.stop(Duration.ofSeconds(5));
        log.close();
    }
}
