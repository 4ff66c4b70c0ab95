package dev.ferry.agent;

import dev.ferry.api.Nullable;
import dev.ferry.management.UpdateRequests;
import dev.ferry.management.UpdateStatus;
import dev.ferry.management.internal.Readiness;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.UpdateSettings;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.startup.StartupCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of its self-update: takes requests ({@code POST /update}), runs each on a thread of its own with the
 * update code loaded apart ({@link UpdateJob}, dropped when it ends), keeps the state the endpoint shows, and hands the
 * data directory over to the new version's process when the update code asks.
 */
final class AgentUpdates implements UpdateRequests, UpdateHost {

    private static final Logger log = LoggerFactory.getLogger(AgentUpdates.class);
    private static final String UPDATE_PACKAGE = "dev.ferry.agent.update.";

    private final Agent agent;
    private final Runnable stopThisAgent;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile UpdateStatus status = UpdateStatus.idle(Instant.now());
    private volatile @Nullable Thread handingOver;

    AgentUpdates(Agent agent, Runnable stopThisAgent) {
        this.agent = agent;
        this.stopThisAgent = stopThisAgent;
    }

    /** Where the update's state lives: {@code data_dir/update}. */
    static Path stateDir(Path dataDir) {
        return dataDir.resolve("update");
    }

    /** At start: reads the state an earlier process left, if any, and carries a switch or probation on. */
    void resumeAtStart() {
        if (agent.config().update() == null || !Files.exists(stateDir(agent.config().dataDir()).resolve("state.json"))
                || !busy.compareAndSet(false, true)) {
            return;
        }
        worker("update-resume").start(() -> run(job -> job.resume(this)));
    }

    @Override
    public Answer update(String bundle, boolean retryRolledBack, boolean stageOnly) {
        if (agent.config().update() == null) {
            return new Answer(409, "this agent's config has no update section: add one with the trusted keys to"
                    + " install updates");
        }
        if (!busy.compareAndSet(false, true)) {
            return new Answer(409, "an update is under way (" + status.phase() + " " + status.target() + ")");
        }
        worker("update").start(() -> run(stageOnly ? job -> job.stage(bundle, retryRolledBack, this)
                : job -> job.install(bundle, retryRolledBack, this)));
        return new Answer(202, (stageOnly ? "staging " : "installing ") + bundle + "; follow it in /status (update)");
    }

    /** True when a version is installed and waits for the switch: SIGUSR2 switches to it. */
    boolean staged() {
        return agent.config().update() != null && status.phase().equals("staged");
    }

    /** SIGUSR2 with a version staged: the switch to it, as an update does. */
    void switchToStaged() {
        if (!busy.compareAndSet(false, true)) {
            log.info("SIGUSR2: an update is under way ({} {})", status.phase(), status.target());
            return;
        }
        worker("update-sigusr2").start(() -> run(job -> job.switchToStaged(this)));
    }

    /**
     * A platform thread for the update's work: loading the update code, unpacking and hashing keep a thread busy
     * for a while, and on a virtual thread they would hold one of the few carriers the sources' reads run on, which
     * shows as a longer collection gap when a new version starts.
     */
    private static Thread.Builder worker(String name) {
        return Thread.ofPlatform().name(name).daemon();
    }

    private void run(Consumer<UpdateJob> work) {
        try {
            runApart(work);
        } finally {
            busy.set(false);
            // once the frame that held the update code is gone: an interpreted frame keeps what its slots held
            StartupCode.unloadDropped();
        }
    }

    private static void runApart(Consumer<UpdateJob> work) {
        try (StartupCode code = StartupCode.open(Main.class, UPDATE_PACKAGE)) {
            work.accept(code.instantiate(UPDATE_PACKAGE + "UpdateWork", UpdateJob.class));
        } catch (RuntimeException e) {
            log.error("update: {}", e.toString(), e);   // a bug: the agent runs on
        }
    }

    /**
     * After this agent stopped: waits while the update code watches the new version (it switches back should that
     * one end before it is committed), so that the process does not end under it.
     */
    void awaitHandOver() throws InterruptedException {
        Thread watching = handingOver;
        if (watching != null) {
            watching.join();
        }
    }

    @Override
    public @Nullable UpdateStatus status() {
        return agent.config().update() == null ? null : status;
    }

    @Override
    public LoadedConfig config() {
        return agent.config();
    }

    @Override
    public UpdateSettings settings() {
        return Objects.requireNonNull(agent.config().update(), "the running config has no update section");
    }

    @Override
    public String runningVersion() {
        return Main.version();
    }

    @Override
    public Path runningHome() {
        return Main.home();
    }

    @Override
    public void report(UpdateStatus now) {
        status = now;
    }

    @Override
    public boolean ready() {
        return agent.running() && Readiness.notReady(agent.health().snapshot(), Instant.now(),
                agent.config().management().readyRequires()).isEmpty();
    }

    @Override
    public Optional<List<String>> takeOverCommand(Path home) {
        Path launcher = home.resolve("bin").resolve("ferry");
        if (Files.isExecutable(launcher)) {
            List<String> command = new ArrayList<>();
            command.add(launcher.toString());
            command.addAll(Main.arguments());
            return Optional.of(SuccessorHandOver.withTakeOver(command));
        }
        return home.equals(runningHome()) ? SuccessorHandOver.ownCommand() : Optional.empty();
    }

    @Override
    public Optional<Process> handOver(String why, List<String> command) {
        // A distribution without a runtime of its own (the portable one) runs on the Java this agent runs on; the
        // other's launcher finds its own folder, and runs that version rather than the one `current` names.
        Map<String, String> environment = new HashMap<>();
        if (System.getenv("FERRY_JAVA_HOME") == null) {
            environment.put("FERRY_JAVA_HOME", System.getProperty("java.home"));
        }
        environment.put("FERRY_HOME", null);
        environment.put("FERRY_FOLLOWED", "1");
        boolean stopped = handingOver != null;   // a switch back: this agent handed over before and is stopped
        if (stopped) {
            SuccessorHandOver.ended();
        }
        handingOver = Thread.currentThread();
        Optional<Process> successor = SuccessorHandOver.start(why, command, environment, config().dataDir(), stopped,
                stopThisAgent);
        if (successor.isEmpty()) {
            handingOver = null;
        }
        return successor;
    }
}
