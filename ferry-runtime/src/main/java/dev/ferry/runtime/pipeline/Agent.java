package dev.ferry.runtime.pipeline;

import dev.ferry.api.ControlChannel;
import dev.ferry.api.Lifecycle;
import dev.ferry.api.Nullable;
import dev.ferry.api.Sink;
import dev.ferry.api.failure.Failures;
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
import dev.ferry.runtime.schedule.SourceRunner;
import dev.ferry.runtime.schedule.SourceScheduler;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the durable log, a runner per sink and the scheduled sources. Starts in the order the data
 * flows backwards (log, then sinks, then sources) so nothing is produced before it can be stored and delivered,
 * and stops in the reverse order so every reading a source produced is committed before the log closes.
 *
 * <p>{@link #reload} changes the running set to a new config: only the sources and sinks that changed are stopped
 * and started again; the others run on untouched.
 */
public final class Agent {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    /** How long a reload waits for a new streaming source's first start before taking it as running. */
    static final Duration FIRST_START_WAIT = Duration.ofSeconds(3);
    /** How long a reload waits for a source or sink it replaces to stop (a sink: its sends in flight). */
    static final Duration RELOAD_STOP_WAIT = Duration.ofSeconds(10);

    private volatile LoadedConfig config;
    private final Ticker ticker;
    private final Lifecycle lifecycle = new Lifecycle("agent");
    private final HealthRegistry health;
    private final List<SinkRunner> sinks = new CopyOnWriteArrayList<>();
    private final PluginMetricsRegistry pluginMetrics = new PluginMetricsRegistry();
    /** Each running component's figures, by health component name, to be dropped when it stops. */
    private final Map<String, PluginMetricsRegistry.ComponentMetrics> componentMetrics = new ConcurrentHashMap<>();
    private final Reloads reloads = new Reloads();
    private final Consumer<ControlChannel> onControlChannel;
    private volatile @Nullable ControlChannel controlChannel;
    private DurableLog durableLog;
    private SourceScheduler sources;

    private Agent(LoadedConfig config, Ticker ticker, Consumer<ControlChannel> onControlChannel) {
        this.config = config;
        this.ticker = ticker;
        this.health = new HealthRegistry(ticker);
        this.onControlChannel = onControlChannel;
    }

    /** Opens the log and starts every sink and source of {@code config}; on failure, stops what was started. */
    public static Agent start(LoadedConfig config, Ticker ticker) throws AgentStartException {
        return start(config, ticker, channel -> { });
    }

    /**
     * As {@link #start(LoadedConfig, Ticker)}, handing {@code onControlChannel} the sink that {@code control.sink}
     * names each time an instance of it is created (at start, and again when a reload changes it), before it opens
     * its first connection, so that it can listen there for the platform's messages.
     */
    public static Agent start(LoadedConfig config, Ticker ticker, Consumer<ControlChannel> onControlChannel)
            throws AgentStartException {
        Agent agent = new Agent(config, ticker, onControlChannel);
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
        durableLog.setActiveCursors(sinkNames(config));
        for (ConfiguredSink configured : config.sinks()) {
            sinks.add(startSink(prepareSink(configured)));
        }
        sources = new SourceScheduler(readings -> durableLog.append(readings).thenApply(range -> null), health, ticker,
                new SplittableRandom(), RetryPolicy.DEFAULT);
        for (ConfiguredSource configured : config.sources()) {
            startSource(prepareSource(configured));
        }
        log.info("agent {} running: log epoch {}, {} source(s), {} sink(s), data in {}", config.agentId(), durableLog.epoch(),
                config.sources().size(), config.sinks().size(), config.dataDir());
    }

    /** A sink or source created by its plugin and not yet running; its figures are shown once it runs. */
    private record Prepared<T, C>(C configured, T instance, PluginMetricsRegistry.ComponentMetrics metrics) {}

    private Prepared<Sink, ConfiguredSink> prepareSink(ConfiguredSink configured) throws AgentStartException {
        String component = "sink " + configured.name();
        PluginMetricsRegistry.ComponentMetrics metrics = pluginMetrics.staged("sink", configured.provider().type(),
                configured.name());
        try {
            Sink sink = configured.create(new AgentPluginContext(configured.name(), config, ticker.clock(),
                    health.reporter(component), metrics, this));
            if (sink instanceof ControlChannel channel && config.control() != null
                    && config.control().sink().equals(configured.name())) {
                onControlChannel.accept(channel);
                controlChannel = channel;
            }
            return new Prepared<>(configured, sink, metrics);
        } catch (Exception e) {
            throw new AgentStartException(component + ": cannot start: " + Failures.describe(e), e);
        }
    }

    /** Opens the sink's dead letters and cursor and starts its runner; on failure, closes the sink. */
    private SinkRunner startSink(Prepared<Sink, ConfiguredSink> prepared) throws AgentStartException {
        ConfiguredSink configured = prepared.configured();
        String component = "sink " + configured.name();
        SinkSettings settings = configured.settings();
        DeadLetterStore deadLetters = null;
        try {
            deadLetters = DeadLetterStore.open(DeadLetterFiles.directory(config.dataDir(), configured.name()),
                    configured.name(), settings.deadLetterMax().bytes());
            SinkCursor cursor = settings.drain() == SinkSettings.Drain.LIVE_FIRST
                    ? new LiveFirstCursor(durableLog, configured.name(), settings.batchSize())
                    : new OldestFirstCursor(durableLog.cursor(configured.name()));
            RetryPolicy retry = new RetryPolicy(settings.retryInitial(), settings.retryMax());
            RefusalHandler refusals = new RefusalHandler(configured.name(), settings.onRefused(), deadLetters,
                    health.reporter(component), ticker.clock(), RefusalLog.QUIET);
            SinkRunner runner = new SinkRunner(configured.name(), prepared.instance(), cursor, settings.batchSize(),
                    health.reporter(component), retry.newBackoff(new SplittableRandom()), ticker, refusals);
            prepared.metrics().activate();
            componentMetrics.put(component, prepared.metrics());
            runner.start();
            return runner;
        } catch (Exception e) {
            prepared.metrics().close();
            closeQuietly(prepared.instance(), deadLetters);
            throw new AgentStartException(component + ": cannot start: " + Failures.describe(e), e);
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

    private Prepared<Source, ConfiguredSource> prepareSource(ConfiguredSource configured) throws AgentStartException {
        String component = SourceScheduler.component(configured.name());
        PluginMetricsRegistry.ComponentMetrics metrics = pluginMetrics.staged("source", configured.provider().type(),
                configured.name());
        try {
            Source source = configured.create(new AgentPluginContext(configured.name(), config, ticker.clock(),
                    health.reporter(component), metrics, this));
            return new Prepared<>(configured, source, metrics);
        } catch (Exception e) {
            throw new AgentStartException(component + ": cannot start: " + Failures.describe(e), e);
        }
    }

    private SourceRunner startSource(Prepared<Source, ConfiguredSource> prepared) {
        ConfiguredSource configured = prepared.configured();
        prepared.metrics().activate();
        componentMetrics.put(SourceScheduler.component(configured.name()), prepared.metrics());
        return sources.start(new ScheduledSource(configured.name(), configured.settings(), prepared.instance()));
    }

    /** Drops a stopped component's figures and health. */
    private void forget(String component) {
        PluginMetricsRegistry.ComponentMetrics metrics = componentMetrics.remove(component);
        if (metrics != null) {
            metrics.close();
        }
        health.remove(component);
    }

    /**
     * Changes the running agent to {@code next}, a config that passed every check: sources and sinks removed stop,
     * added ones start, changed ones stop and start anew (a sink resuming from its cursor), and the others run on
     * untouched; the log's retention applies at once. A change only a restart can make refuses the whole reload,
     * touching nothing. When a new or changed component cannot be created or started, every change is undone and
     * the previous set runs again. Never throws for an expected failure: the outcome says what happened.
     *
     * @param trigger what asked for the reload, for the outcome and log line
     */
    public synchronized ReloadOutcome reload(LoadedConfig next, String trigger) {
        ReloadOutcome outcome = applyReload(next, trigger);
        reloads.record(outcome);
        if (outcome.result() == ReloadOutcome.Result.APPLIED || outcome.result() == ReloadOutcome.Result.UNCHANGED) {
            log.info(outcome.describe());
        } else {
            log.warn(outcome.describe());
        }
        return outcome;
    }

    /** Records a reload refused before it reached the agent (the new config did not load), and logs it. */
    public synchronized ReloadOutcome refuseReload(List<String> problems, String trigger) {
        ReloadOutcome outcome = new ReloadOutcome(ReloadOutcome.Result.REFUSED, trigger, ticker.clock().instant(), problems,
                "nothing changed");
        reloads.record(outcome);
        log.warn(outcome.describe());
        return outcome;
    }

    private ReloadOutcome applyReload(LoadedConfig next, String trigger) {
        LoadedConfig running = config;
        ConfigChanges changes = ConfigChanges.between(running, next);
        if (!running()) {
            return outcome(ReloadOutcome.Result.REFUSED, trigger, List.of("the agent is not running"), changes);
        }
        if (!changes.needRestart().isEmpty()) {
            return outcome(ReloadOutcome.Result.REFUSED, trigger, changes.needRestart(), changes);
        }
        if (changes.none()) {
            config = next;
            return outcome(ReloadOutcome.Result.UNCHANGED, trigger, List.of(), changes);
        }
        List<Prepared<Sink, ConfiguredSink>> newSinks = new ArrayList<>();
        List<Prepared<Source, ConfiguredSource>> newSources = new ArrayList<>();
        config = next;   // the new instances see the new config
        try {
            for (String name : concat(changes.sinksAdded(), changes.sinksChanged())) {
                newSinks.add(prepareSink(sinkOf(next, name)));
            }
            for (String name : concat(changes.sourcesAdded(), changes.sourcesChanged())) {
                newSources.add(prepareSource(sourceOf(next, name)));
            }
        } catch (AgentStartException e) {
            config = running;
            newSinks.forEach(prepared -> prepared.instance().close());
            newSources.forEach(prepared -> prepared.instance().close());
            return outcome(ReloadOutcome.Result.ROLLED_BACK, trigger, List.of(e.getMessage()), changes);
        }
        List<String> outgoingSources = concat(changes.sourcesRemoved(), changes.sourcesChanged());
        List<String> outgoingSinks = concat(changes.sinksRemoved(), changes.sinksChanged());
        stopSources(outgoingSources);
        stopSinksNamed(outgoingSinks);
        List<String> failures = new ArrayList<>();
        List<String> startedSinks = new ArrayList<>();
        for (Prepared<Sink, ConfiguredSink> prepared : newSinks) {
            try {
                sinks.add(startSink(prepared));
                startedSinks.add(prepared.configured().name());
            } catch (AgentStartException e) {
                failures.add(e.getMessage());
            }
        }
        durableLog.setActiveCursors(sinkNames(next));
        List<String> startedSources = new ArrayList<>();
        List<SourceRunner> starting = new ArrayList<>();
        for (Prepared<Source, ConfiguredSource> prepared : newSources) {
            starting.add(startSource(prepared));
            startedSources.add(prepared.configured().name());
        }
        failures.addAll(firstStartFailures(starting));
        if (!failures.isEmpty()) {
            stopSources(startedSources);
            stopSinksNamed(startedSinks);
            config = running;
            restart(running, outgoingSinks, outgoingSources);
            return outcome(ReloadOutcome.Result.ROLLED_BACK, trigger, failures, changes);
        }
        if (changes.retentionChanged()) {
            durableLog.setRetention(next.log());
        }
        return outcome(ReloadOutcome.Result.APPLIED, trigger, List.of(), changes);
    }

    /** Starts again, from the running config, what a reload that is being undone had stopped. */
    private void restart(LoadedConfig running, List<String> sinkNames, List<String> sourceNames) {
        durableLog.setActiveCursors(sinkNames(running));
        for (String name : sinkNames) {
            try {
                sinks.add(startSink(prepareSink(sinkOf(running, name))));
            } catch (AgentStartException e) {
                log.error("config reload: rolling back, {}", e.getMessage());
            }
        }
        for (String name : sourceNames) {
            try {
                startSource(prepareSource(sourceOf(running, name)));
            } catch (AgentStartException e) {
                log.error("config reload: rolling back, {}", e.getMessage());
            }
        }
    }

    /**
     * Why new streaming sources could not start, waiting at most {@link #FIRST_START_WAIT} in all: a source that has
     * neither started nor failed by then runs (a start may block for as long as the source runs).
     */
    private List<String> firstStartFailures(List<SourceRunner> starting) {
        List<String> failures = new ArrayList<>();
        long end = System.nanoTime() + FIRST_START_WAIT.toNanos();
        for (SourceRunner runner : starting) {
            try {
                runner.firstStart().toCompletableFuture().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failures.add(SourceScheduler.component(runner.name()) + ": cannot start: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                // still starting: running as far as a reload can tell
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return failures;
    }

    private void stopSources(List<String> names) {
        for (String name : names) {
            if (!sources.stop(name, RELOAD_STOP_WAIT)) {
                log.warn("source {} did not stop within {}; its last read is abandoned", name, RELOAD_STOP_WAIT);
            }
            forget(SourceScheduler.component(name));
        }
    }

    private void stopSinksNamed(List<String> names) {
        List<SinkRunner> stopping = sinks.stream().filter(runner -> names.contains(runner.name())).toList();
        stopAll(stopping, RELOAD_STOP_WAIT);
        sinks.removeAll(stopping);
        for (SinkRunner runner : stopping) {
            forget("sink " + runner.name());
        }
    }

    private ReloadOutcome outcome(ReloadOutcome.Result result, String trigger, List<String> messages, ConfigChanges changes) {
        return new ReloadOutcome(result, trigger, ticker.clock().instant(), messages, changes.summary());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> sinkNames(LoadedConfig config) {
        Set<String> names = new LinkedHashSet<>();
        config.sinks().forEach(sink -> names.add(sink.name()));
        return names;
    }

    private static ConfiguredSink sinkOf(LoadedConfig config, String name) {
        return config.sinks().stream().filter(sink -> sink.name().equals(name)).findFirst().orElseThrow();
    }

    private static ConfiguredSource sourceOf(LoadedConfig config, String name) {
        return config.sources().stream().filter(source -> source.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every reload's outcome so far. */
    /** The connection that carries the platform's config documents: the sink {@code control.sink} names, if any. */
    public Optional<ControlChannel> controlChannel() {
        return Optional.ofNullable(controlChannel);
    }

    public Reloads reloads() {
        return reloads;
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
        stopAll(sinks, grace);
    }

    /** Stops the runners side by side, each finishing its sends in flight within {@code grace}. */
    private static void stopAll(List<SinkRunner> runners, Duration grace) {
        List<Thread> stopping = new ArrayList<>();
        for (SinkRunner runner : runners) {
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
