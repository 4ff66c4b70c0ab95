package dev.ferry.agent;

import dev.ferry.agent.RemoteConfigReport.Result;
import dev.ferry.agent.RemoteConfigState.ConfigText;
import dev.ferry.api.ControlChannel;
import dev.ferry.api.Nullable;
import dev.ferry.api.config.Durations;
import dev.ferry.management.control.DesiredConfig;
import dev.ferry.management.control.DesiredDocuments;
import dev.ferry.management.control.DocumentRefused;
import dev.ferry.runtime.config.ControlSettings;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configs the platform sends on the control connection. Each desired document is verified
 * ({@link DesiredDocuments}), compared with the highest version applied (equal or older: stale), checked and applied
 * as a local reload is, and kept under {@code data_dir} so that a restart resumes from it. A newly applied config is
 * on probation until the control connection is up again; if it is not within {@code control.probation}, the agent
 * goes back to the config it ran before. Every outcome is published, retained, on the reported topic, once the
 * connection is up.
 *
 * <p>One thread does all of it, in the order things happen, so documents, probation and reports never race.
 */
final class RemoteConfig implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RemoteConfig.class);
    /** How often the worker looks at the connection when nothing arrives: probation and reports wait on it. */
    private static final long TICK_MILLIS = 250;

    private sealed interface Event permits Document, FileInCharge {}

    private record Document(byte[] bytes) implements Event {}

    private record FileInCharge() implements Event {}

    private final ControlSettings settings;
    private final DesiredDocuments documents;
    private final RemoteConfigStore store;
    private final String agentId;
    private final Clock clock;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicReference<@Nullable RemoteConfigReport> unsent = new AtomicReference<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile @Nullable Thread worker;
    private RemoteConfigState state;
    private @Nullable Instant probationEnds;
    private @Nullable ConfigReloader reloader;
    private @Nullable Agent agent;

    RemoteConfig(ControlSettings settings, DesiredDocuments documents, RemoteConfigStore store, RemoteConfigState state,
            String agentId, Clock clock) {
        this.settings = settings;
        this.documents = documents;
        this.store = store;
        this.state = state;
        this.agentId = agentId;
        this.clock = clock;
    }

    /** Listens on the control sink for desired documents; the agent calls it for each instance of that sink. */
    void attach(ControlChannel channel) {
        channel.listen(ControlSettings.topicFor(settings.desiredTopic(), agentId),
                document -> events.add(new Document(document)));
    }

    /**
     * Starts handling documents on the running agent. A config applied before a restart and not yet confirmed is
     * on probation again from now.
     */
    void start(ConfigReloader reloading, Agent running) {
        this.reloader = reloading;
        this.agent = running;
        reloading.onFileInCharge(() -> events.add(new FileInCharge()));
        if (state.onProbation()) {
            probationEnds = clock.instant().plus(settings.probation());
        }
        worker = Thread.ofVirtual().name("remote-config").start(this::work);
    }

    @Override
    public void close() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
        }
    }

    private void work() {
        while (worker != null) {
            try {
                Event event = events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (event instanceof Document document) {
                    handle(document.bytes());
                } else if (event instanceof FileInCharge) {
                    save(state.fileInCharge());
                    probationEnds = null;
                }
                watchProbation();
                sendReport();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("remote config: {}", e.toString(), e);   // a bug: keep handling the next documents
            }
        }
    }

    private void handle(byte[] bytes) {
        String documentSha = AgentFactsOf.sha256(bytes);
        if (!state.handled().isEmpty() && state.handled().getLast().equals(documentSha)) {
            log.debug("remote config: the document handled last arrived again (kept by the broker); nothing to do");
            return;
        }
        if (state.handled().contains(documentSha)) {
            report(new RemoteConfigReport(Result.REFUSED, null, null, runningVersion(),
                    List.of("replayed: this very document was handled before"), clock.instant()));
            return;
        }
        state = state.handled(documentSha);
        DesiredConfig desired;
        try {
            desired = documents.read(bytes);
        } catch (DocumentRefused e) {
            save(state);
            report(new RemoteConfigReport(Result.REFUSED, null, null, runningVersion(), List.of(e.getMessage()),
                    clock.instant()));
            return;
        }
        String configSha = AgentFactsOf.sha256(desired.text());
        if (desired.version() <= state.highestVersion()) {
            save(state);
            report(new RemoteConfigReport(Result.STALE, desired.version(), configSha, runningVersion(),
                    List.of("version " + desired.version() + " is not newer than version " + state.highestVersion()
                            + ", applied already"), clock.instant()));
            return;
        }
        ConfigText before = requireReloader().running();
        ConfigText next = new ConfigText(desired.version(), desired.format(), desired.text(), clock.instant());
        ReloadOutcome outcome = requireReloader().apply(next, "remote config version " + desired.version());
        if (!ConfigReloader.succeeded(outcome)) {
            save(state);
            report(new RemoteConfigReport(Result.REFUSED, desired.version(), configSha, runningVersion(),
                    outcome.messages(), clock.instant()));
            return;
        }
        save(state.applied(next, before));
        probationEnds = clock.instant().plus(settings.probation());
        report(new RemoteConfigReport(Result.APPLIED, desired.version(), configSha, desired.version(), List.of(),
                clock.instant()));
    }

    /** Confirms the config on probation once the control connection is up; goes back when it stays down too long. */
    private void watchProbation() {
        Instant ends = probationEnds;
        if (ends == null || !state.onProbation()) {
            return;
        }
        if (connected()) {
            probationEnds = null;
            save(state.confirmed());
            log.info("remote config version {}: the control connection is up, the config stays",
                    state.current() == null ? 0 : state.current().remoteVersion());
            return;
        }
        if (clock.instant().isBefore(ends)) {
            return;
        }
        ConfigText tried = state.current();
        ConfigText before = state.fallback();
        probationEnds = null;
        if (tried == null || before == null) {
            return;
        }
        String reason = "the control connection (sink " + settings.sink() + ") was not up within "
                + Durations.format(settings.probation()) + " of applying it";
        log.warn("remote config version {}: {}; going back to {}", tried.remoteVersion(), reason,
                requireReloader().displayName(before));
        ReloadOutcome outcome = requireReloader().apply(before, "remote config rollback");
        if (!ConfigReloader.succeeded(outcome)) {
            log.error("remote config version {}: cannot go back: {}", tried.remoteVersion(), outcome.describe());
            save(state.confirmed());
            return;
        }
        save(state.rolledBackTo(before));
        report(new RemoteConfigReport(Result.ROLLED_BACK, tried.remoteVersion(), AgentFactsOf.sha256(tried.text()),
                before.remoteVersion(), List.of(reason), clock.instant()));
    }

    private boolean connected() {
        Agent running = agent;
        return running != null && running.controlChannel().map(ControlChannel::connected).orElse(false);
    }

    private void report(RemoteConfigReport report) {
        if (report.result() == Result.APPLIED) {
            log.info(report.describe());
        } else {
            log.warn(report.describe());
        }
        unsent.set(report);   // only the newest matters: the topic keeps one message
        sendReport();
    }

    private void sendReport() {
        RemoteConfigReport report = unsent.get();
        Agent running = agent;
        if (report == null || running == null) {
            return;
        }
        ControlChannel channel = running.controlChannel().orElse(null);
        if (channel == null || !channel.connected() || !sending.compareAndSet(false, true)) {
            return;
        }
        String topic = ControlSettings.topicFor(settings.reportedTopic(), agentId);
        channel.report(topic, report.toJson(agentId)).whenComplete((done, failure) -> {
            sending.set(false);
            if (failure == null) {
                unsent.compareAndSet(report, null);
            } else {
                log.debug("remote config: report to {} not sent yet: {}", topic, failure.toString());
            }
        });
    }

    private long runningVersion() {
        return state.current() == null ? 0 : state.current().remoteVersion();
    }

    private void save(RemoteConfigState next) {
        state = next;
        try {
            store.save(next);
        } catch (IOException e) {
            log.error("remote config: cannot keep the state in {}: {}; a restart would not resume from it",
                    store.file(), e.getMessage());
        }
    }

    private ConfigReloader requireReloader() {
        ConfigReloader current = reloader;
        if (current == null) {
            throw new IllegalStateException("documents are handled only once the agent runs");
        }
        return current;
    }
}
