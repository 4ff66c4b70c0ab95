package dev.ferry.management.internal;

import dev.ferry.api.Health;
import dev.ferry.api.Nullable;
import dev.ferry.log.LogStats;
import dev.ferry.management.AgentFacts;
import dev.ferry.management.UpdateStatus;
import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.runtime.pipeline.SinkRunner;
import dev.ferry.runtime.pipeline.SinkRunner.SinkStats;
import dev.ferry.runtime.schedule.SourceStats;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One look at the running agent, taken for a request: the one source of truth that {@code /status}, {@code /metrics}
 * and {@code /ready} each show in their own way.
 *
 * @param sinkRates each sink's recent acknowledgement rate, readings a second; absent until two looks apart
 * @param reloads the config reloads so far, by result
 * @param lastReload the newest reload's outcome; null before the first
 * @param update where the self-update is; null when the config has no {@code update:} section
 */
public record Snapshot(AgentFacts facts, Instant taken, boolean running, @Nullable String appendProblem,
        Map<String, Health> health, Map<String, SourceStats> sources, Map<String, SinkStats> sinks, LogStats log,
        Map<String, Double> sinkRates, ProcessFigures process, List<PluginMetricsRegistry.Series> pluginSeries,
        Map<ReloadOutcome.Result, Long> reloads, @Nullable ReloadOutcome lastReload, @Nullable UpdateStatus update) {

    public static Snapshot of(Agent agent, AgentFacts facts, Instant now, SinkRates rates, @Nullable UpdateStatus update) {
        Map<String, SinkStats> sinks = new LinkedHashMap<>();
        for (SinkRunner runner : agent.sinks()) {
            sinks.put(runner.name(), runner.stats());
        }
        return new Snapshot(facts, now, agent.running(), agent.log().appendProblem(), agent.health().snapshot(),
                agent.sources().stats(), sinks, agent.log().stats(), rates.update(now, sinks), ProcessFigures.now(),
                agent.pluginMetrics().collect(), agent.reloads().counts(), agent.reloads().last(), update);
    }

    public Duration uptime() {
        return Duration.between(facts.started(), taken);
    }

    /** The health of the source or sink of this name. */
    public @Nullable Health sourceHealth(String name) {
        return health.get("source " + name);
    }

    public @Nullable Health sinkHealth(String name) {
        return health.get("sink " + name);
    }

    /** Readings the sink has not had acknowledged. */
    public long lag(String sink) {
        LogStats.CursorStats cursor = log.cursors().get(sink);
        return cursor == null ? log.nextSeq() : cursor.lag();
    }

    /** The sink's lag in bytes, estimated from the log's average record size. */
    public long lagBytes(String sink) {
        return log.retainedReadings() == 0 ? 0 : Math.round((double) log.bytes() * lag(sink) / log.retainedReadings());
    }

    public @Nullable Duration oldestUnsentAge(String sink) {
        LogStats.CursorStats cursor = log.cursors().get(sink);
        return cursor == null ? null : cursor.oldestUnsentAge();
    }

    /** Lag divided by the recent acknowledgement rate; null when nothing was acknowledged lately or nothing waits. */
    public @Nullable Duration drainEstimate(String sink) {
        Double rate = sinkRates.get(sink);
        long lag = lag(sink);
        if (lag == 0) {
            return Duration.ZERO;
        }
        return rate == null || rate <= 0 ? null : Duration.ofMillis(Math.round(lag / rate * 1000));
    }
}
