package dev.ferry.runtime.schedule;

import dev.ferry.api.Reading;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Starts and stops the agent's sources, one {@link SourceRunner} each, and reports on them. A source's health is
 * registered under {@link #component(String) "source <name>"}.
 *
 * <p>Thread-safe: start and stop may come from the agent's main thread and from a reload at once. Sources can be
 * started and stopped one by one, so a reload restarts only what changed.
 */
public final class SourceScheduler {

    private final ReadingAppender appender;
    private final HealthRegistry health;
    private final Ticker ticker;
    private final RandomGenerator.SplittableGenerator random;
    private final RetryPolicy retry;
    private final Map<String, SourceRunner> runners = new LinkedHashMap<>();

    /**
     * @param random split once per source, so each source draws its jitter and backoff from a generator of its own
     * @param retry spacing of retries after transient faults; a polled source never retries sooner than its interval
     */
    public SourceScheduler(ReadingAppender appender, HealthRegistry health, Ticker ticker,
            RandomGenerator.SplittableGenerator random, RetryPolicy retry) {
        this.appender = appender;
        this.health = health;
        this.ticker = ticker;
        this.random = random;
        this.retry = retry;
    }

    /** Real time, random jitter, and retries from 1s doubling up to 60s. */
    public SourceScheduler(ReadingAppender appender, HealthRegistry health) {
        this(appender, health, Ticker.system(), new SplittableRandom(), RetryPolicy.DEFAULT);
    }

    /** The health component name of a source. */
    public static String component(String sourceName) {
        return "source " + sourceName;
    }

    /** Starts one source and returns its runner; a source of the same name must not be running. */
    public synchronized SourceRunner start(ScheduledSource source) {
        if (runners.containsKey(source.name())) {
            throw new IllegalStateException("source " + source.name() + " is already running; stop it first");
        }
        RunnerContext context = new RunnerContext(appender, health.reporter(component(source.name())), ticker,
                random.split(), retry);
        SourceRunner runner = SourceRunner.create(source, context);
        runners.put(source.name(), runner);
        runner.start();
        return runner;
    }

    public void startAll(Collection<ScheduledSource> sources) {
        for (ScheduledSource source : sources) {
            start(source);
        }
    }

    /**
     * Stops one source and forgets it (its health entry stays, STOPPED, until {@link HealthRegistry#remove}).
     *
     * @return false when it was not running, or did not end within {@code bound}
     */
    public boolean stop(String name, Duration bound) {
        SourceRunner runner;
        synchronized (this) {
            runner = runners.remove(name);
        }
        return runner != null && runner.stop(bound);
    }

    /**
     * Stops every source at once, waiting up to {@code bound} in all (not per source).
     *
     * @return false when some source did not end within the bound
     */
    public boolean stopAll(Duration bound) {
        List<SourceRunner> stopping;
        synchronized (this) {
            stopping = new ArrayList<>(runners.values());
            runners.clear();
        }
        stopping.forEach(SourceRunner::requestStop);
        long end = System.nanoTime() + bound.toNanos(); // real time: joining threads cannot be simulated
        boolean clean = true;
        for (SourceRunner runner : stopping) {
            clean &= runner.awaitStop(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        }
        return clean;
    }

    public synchronized List<String> names() {
        return List.copyOf(runners.keySet());
    }

    public synchronized Optional<SourceStats> stats(String name) {
        return Optional.ofNullable(runners.get(name)).map(SourceRunner::stats);
    }

    /** The newest batch of readings of every running source, in the order they were started. */
    public synchronized Map<String, List<Reading>> lastReadings() {
        Map<String, List<Reading>> all = new LinkedHashMap<>();
        runners.forEach((name, runner) -> all.put(name, runner.lastReadings()));
        return all;
    }

    /** Stats of every running source, in the order they were started. */
    public synchronized Map<String, SourceStats> stats() {
        Map<String, SourceStats> all = new LinkedHashMap<>();
        runners.forEach((name, runner) -> all.put(name, runner.stats()));
        return all;
    }
}
