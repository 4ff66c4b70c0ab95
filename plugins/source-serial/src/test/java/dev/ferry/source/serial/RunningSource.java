package dev.ferry.source.serial;

import dev.ferry.api.Health;
import dev.ferry.api.Reading;
import dev.ferry.api.Source;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.schedule.ScheduledSource;
import dev.ferry.runtime.schedule.SourceScheduler;
import dev.ferry.runtime.schedule.SourceStats;
import dev.ferry.runtime.time.Ticker;
import dev.ferry.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** A serial source run by the real scheduler, as in the agent, with its readings kept in memory. */
final class RunningSource implements AutoCloseable {

    private final HealthRegistry health = new HealthRegistry(Ticker.system());
    private final List<Reading> readings = new ArrayList<>();
    private final List<Health> history = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SourceScheduler scheduler;
    private final String name;

    private RunningSource(ConfiguredSource configured, Path dataDir) throws Exception {
        this.name = configured.name();
        health.addListener((component, previous, current) -> history.add(current));
        this.scheduler = new SourceScheduler(batch -> {
            synchronized (readings) {
                readings.addAll(batch);
            }
            return CompletableFuture.completedFuture(null);
        }, health, Ticker.system(), new SplittableRandom(7), new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)));
        Source source = configured.create(new TestPluginContext(name, dataDir, Clock.systemUTC(),
                health.reporter(SourceScheduler.component(name))));
        scheduler.start(new ScheduledSource(name, configured.settings(), source));
    }

    static RunningSource start(ConfiguredSource configured, Path dataDir) throws Exception {
        return new RunningSource(configured, dataDir);
    }

    List<Reading> readings() {
        synchronized (readings) {
            return List.copyOf(readings);
        }
    }

    /** The whole-number values of one metric, in the order they arrived. */
    List<Long> values(String metric) {
        return readings().stream().filter(r -> r.metric().equals(metric))
                .map(r -> ((dev.ferry.api.Value.Int) r.value()).value()).toList();
    }

    Health health() {
        return health.health(SourceScheduler.component(name)).orElseThrow();
    }

    /** Every health change of the source so far, oldest first. */
    List<Health> healthHistory() {
        return List.copyOf(history);
    }

    SourceStats stats() {
        return scheduler.stats(name).orElseThrow();
    }

    @Override
    public void close() {
        scheduler.stopAll(Duration.ofSeconds(5));
    }
}
