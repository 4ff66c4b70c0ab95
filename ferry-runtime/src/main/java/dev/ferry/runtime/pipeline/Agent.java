package dev.ferry.runtime.pipeline;

import dev.ferry.api.Lifecycle;
import dev.ferry.api.Nullable;
import dev.ferry.api.Sink;
import dev.ferry.api.Source;
import dev.ferry.log.DurableLog;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.SinkSettings;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import dev.ferry.runtime.deadletter.DeadLetterStore;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.runtime.retry.RetryPolicy;
import dev.ferry.runtime.schedule.ScheduledSource;
import dev.ferry.runtime.schedule.SourceScheduler;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the durable log, a runner per sink and the scheduled sources. Starts in the order the data
 * flows backwards (log, then sinks, then sources) so nothing is produced before it can be stored and delivered,
 * and stops in the reverse order so every reading a source produced is committed before the log closes.
 */
public final class Agent {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final LoadedConfig config;
    private final Ticker ticker;
    private final Lifecycle lifecycle = new Lifecycle("agent");
    private final HealthRegistry health;
    private final List<SinkRunner> sinks = new ArrayList<>();
    private final PluginMetricsRegistry pluginMetrics = new PluginMetricsRegistry();
    private DurableLog durableLog;
    private SourceScheduler sources;

    private Agent(LoadedConfig config, Ticker ticker) {
        this.config = config;
        this.ticker = ticker;
        this.health = new HealthRegistry(ticker);
    }

    /** Opens the log and starts every sink and source of {@code config}; on failure, stops what was started. */
    public static Agent start(LoadedConfig config, Ticker ticker) throws AgentStartException {
        Agent agent = new Agent(config, ticker);
        agent.lifecycle.starting();
        try {
            agent.startAll();
        } catch (AgentStartException e) {
            agent.lifecycle.failed();
            agent.stop(Duration.ofSeconds(5));
            throw e;
        }
        agent.lifecycle.running();
        return agent;
    }

    private void startAll() throws AgentStartException {
        try {
            durableLog = DurableLog.open(config.logDir(), config.log(), config.agentId(), ticker.clock());
        } catch (IOException e) {
            throw new AgentStartException("cannot open the log in " + config.logDir() + ": " + e.getMessage(), e);
        }
        Set<String> sinkNames = new LinkedHashSet<>();
        config.sinks().forEach(sink -> sinkNames.add(sink.name()));
        durableLog.setActiveCursors(sinkNames);
        for (ConfiguredSink configured : config.sinks()) {
            sinks.add(startSink(configured));
        }
        sources = new SourceScheduler(readings -> durableLog.append(readings).thenApply(range -> null), health, ticker,
                new SplittableRandom(), RetryPolicy.DEFAULT);
        for (ConfiguredSource configured : config.sources()) {
            sources.start(new ScheduledSource(configured.name(), configured.settings(), createSource(configured)));
        }
        log.info("agent {} running: log epoch {}, {} source(s), {} sink(s), data in {}", config.agentId(), durableLog.epoch(),
                config.sources().size(), config.sinks().size(), config.dataDir());
    }

    private SinkRunner startSink(ConfiguredSink configured) throws AgentStartException {
        String component = "sink " + configured.name();
        SinkSettings settings = configured.settings();
        DeadLetterStore deadLetters = null;
        Sink sink = null;
        try {
            deadLetters = DeadLetterStore.open(DeadLetterFiles.directory(config.dataDir(), configured.name()),
                    configured.name(), settings.deadLetterMax().bytes());
            sink = configured.create(new AgentPluginContext(configured.name(), config, ticker.clock(), health.reporter(component),
                    pluginMetrics.forComponent("sink", configured.provider().type(), configured.name()), this));
            SinkCursor cursor = settings.drain() == SinkSettings.Drain.LIVE_FIRST
                    ? new LiveFirstCursor(durableLog, configured.name(), settings.batchSize())
                    : new OldestFirstCursor(durableLog.cursor(configured.name()));
            RetryPolicy retry = new RetryPolicy(settings.retryInitial(), settings.retryMax());
            RefusalHandler refusals = new RefusalHandler(configured.name(), settings.onRefused(), deadLetters,
                    health.reporter(component), ticker.clock(), RefusalLog.QUIET);
            SinkRunner runner = new SinkRunner(configured.name(), sink, cursor, settings.batchSize(),
                    health.reporter(component), retry.newBackoff(new SplittableRandom()), ticker, refusals);
            runner.start();
            return runner;
        } catch (Exception e) {
            closeQuietly(sink, deadLetters);
            throw new AgentStartException(component + ": cannot start: " + e.getMessage(), e);
        }
    }

    /** What a sink that failed to start had opened. */
    private static void closeQuietly(@Nullable Sink sink, @Nullable DeadLetterStore deadLetters) {
        if (sink != null) {
            sink.close();
        }
        if (deadLetters != null) {
            try {
                deadLetters.close();
            } catch (IOException e) {
                log.warn("closing dead letters: {}", e.getMessage());
            }
        }
    }

    private Source createSource(ConfiguredSource configured) throws AgentStartException {
        String component = SourceScheduler.component(configured.name());
        try {
            return configured.create(new AgentPluginContext(configured.name(), config, ticker.clock(), health.reporter(component),
                    pluginMetrics.forComponent("source", configured.provider().type(), configured.name()), this));
        } catch (Exception e) {
            throw new AgentStartException(component + ": cannot start: " + e.getMessage(), e);
        }
    }

    /** True from a successful start until a stop begins. */
    public boolean running() {
        return lifecycle.state() == Lifecycle.State.RUNNING;
    }

    public LoadedConfig config() {
        return config;
    }

    /** What the plugins offered to the metrics. */
    public PluginMetricsRegistry pluginMetrics() {
        return pluginMetrics;
    }

    public HealthRegistry health() {
        return health;
    }

    public SourceScheduler sources() {
        return sources;
    }

    public List<SinkRunner> sinks() {
        return List.copyOf(sinks);
    }

    public DurableLog log() {
        return durableLog;
    }

    /**
     * Stops sources, then sinks (each finishing the send in flight and saving its cursor), then closes the log,
     * which completes the last group commit. Each step waits at most {@code grace}.
     */
    public void stop(Duration grace) {
        if (!lifecycle.stopping()) {
            return;
        }
        if (sources != null && !sources.stopAll(grace)) {
            log.warn("some sources did not stop within {}; their last reads are abandoned", grace);
        }
        stopSinks(grace);
        if (durableLog != null) {
            try {
                durableLog.close();
            } catch (IOException e) {
                log.error("closing the log: {}", e.getMessage());
            }
        }
        lifecycle.stopped();
        log.info("agent {} stopped", config.agentId());
    }

    private void stopSinks(Duration grace) {
        List<Thread> stopping = new ArrayList<>();
        for (SinkRunner runner : sinks) {
            stopping.add(Thread.ofVirtual().name("stop-sink-" + runner.name()).start(() -> {
                try {
                    runner.stop(grace);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : stopping) {
            try {
                thread.join(grace.plusSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
