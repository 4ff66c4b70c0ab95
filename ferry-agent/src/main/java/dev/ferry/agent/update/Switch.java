package dev.ferry.agent.update;

import dev.ferry.agent.UpdateHost;
import dev.ferry.api.config.Durations;
import dev.ferry.update.Installations;
import dev.ferry.update.UpdatePhase;
import dev.ferry.update.UpdateState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch between versions and back, by the hand-over of the data directory to a process started from the other
 * version's folder (as {@code --take-over} does), with the link {@code current} following; and the probation that
 * decides between them.
 */
final class Switch {

    private static final Logger log = LoggerFactory.getLogger(Switch.class);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(1);

    private final UpdateHost host;
    private final UpdateFiles files;
    private Optional<Process> successor = Optional.empty();

    Switch(UpdateHost host, UpdateFiles files) {
        this.host = host;
        this.files = files;
    }

    /**
     * Starts the staged version from its folder and hands the data directory over to it.
     *
     * @return on probation once it runs (this agent is stopping); rolled back when it did not get that far
     */
    UpdateState toNewVersion(UpdateState staged) throws IOException {
        Installations installations = files.installations();
        Path home = Layout.homeIn(installations.folderOf(staged.target()));
        String back = linkBack(staged);
        UpdateState switching = files.save(staged.advance(UpdatePhase.SWITCHING, Instant.now()));
        Files.writeString(files.probationMark(), back);
        installations.switchTo(switching.target());
        Optional<List<String>> command = host.takeOverCommand(home);
        if (command.isEmpty()) {
            return rollBackHere(switching, "cannot start " + home.resolve("bin/ferry"));
        }
        UpdateState probation = files.save(switching.advance(UpdatePhase.PROBATION, Instant.now()));
        successor = host.handOver("update to " + switching.target(), command.get());
        if (successor.isEmpty()) {
            return rollBackHere(probation, "version " + switching.target() + " did not get ready to take over (its"
                    + " reasons are logged above)");
        }
        log.info("update: version {} has taken over; it must become ready within {}", switching.target(),
                Durations.format(host.settings().probation()));
        return probation;
    }

    /** What {@code current} goes back to: the previous version's name when it is an installed one, else nothing. */
    private String linkBack(UpdateState state) {
        Path previousHome = state.previousHome() == null ? null : Path.of(state.previousHome());
        Path root = files.installations().root().toAbsolutePath();
        if (previousHome != null && previousHome.toAbsolutePath().startsWith(root)) {
            return root.relativize(previousHome.toAbsolutePath()).getName(0).toString();
        }
        return "";
    }

    private UpdateState rollBackHere(UpdateState state, String why) throws IOException {
        restoreLink();
        UpdateState rolledBack = files.save(state.rollBack(why, Instant.now()));
        log.warn("update to {} rolled back, version {} runs on: {}", state.target(), state.previous(), why);
        return rolledBack;
    }

    /**
     * In the old process, its agent stopped: waits for the new version to be committed or to roll itself back; takes
     * the data directory back should it end first, or not settle within its probation and a grace.
     */
    void watchSuccessor(UpdateState probation) {
        Process process = successor.orElseThrow();
        Instant deadline = Instant.now().plus(host.settings().probation()).plus(UpdateWork.grace());
        while (UpdateWork.tick()) {
            UpdateState now;
            try {
                now = files.load();
            } catch (IOException e) {
                log.error("update: cannot read the update's state: {}", e.getMessage());
                continue;
            }
            if (now.phase() != UpdatePhase.PROBATION) {
                log.info("update: version {} is {}; this process ends", now.target(), now.phase().label());
                return;
            }
            if (!process.isAlive()) {
                takeBack(now, "version " + now.target() + " ended during its probation (exit code "
                        + process.exitValue() + ")");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                log.warn("update: version {} neither committed nor rolled back in its probation; stopping it",
                        now.target());
                process.destroy();
                try {
                    process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                process.destroyForcibly();
                takeBack(now, "version " + now.target() + " was not committed within its probation");
                return;
            }
        }
    }

    /** The old process takes the data directory back from a new version that failed. */
    private void takeBack(UpdateState probation, String why) {
        try {
            restoreLink();
            files.save(probation.rollBack(why, Instant.now()));
        } catch (IOException e) {
            log.error("update: cannot keep the update's state: {}", e.getMessage());
        }
        log.warn("update to {} rolled back: {}; version {} starts again", probation.target(), why, probation.previous());
        Optional<List<String>> command = host.takeOverCommand(host.runningHome());
        if (command.isEmpty() || host.handOver("rollback to " + probation.previous(), command.get()).isEmpty()) {
            log.error("update: cannot start version {} again; start the agent by hand", probation.previous());
        }
    }

    /**
     * In the new process: commits once the agent is ready by the rules of {@code /ready}; switches back to the
     * previous version when it is not within {@code update.probation}.
     */
    void probation(UpdateState probation) {
        Duration window = host.settings().probation();
        Instant ends = probation.since().plus(window);
        log.info("update: version {} is on probation until {}", probation.target(), ends);
        while (UpdateWork.tick()) {
            try {
                if (host.ready()) {
                    commit(probation);
                    return;
                }
                if (Instant.now().isAfter(ends)) {
                    rollBackToPrevious(probation, "version " + probation.target() + " did not become ready within "
                            + Durations.format(window) + " (the rules of /ready)");
                    return;
                }
            } catch (IOException e) {
                log.error("update: cannot keep the update's state: {}", e.getMessage());
                return;
            }
        }
    }

    private void commit(UpdateState probation) throws IOException {
        UpdateState committed = files.save(probation.advance(UpdatePhase.COMMITTED, Instant.now()));
        Files.deleteIfExists(files.probationMark());
        log.info("update: version {} is ready and committed ({} after the switch)", committed.target(),
                Durations.format(Duration.between(probation.since(), committed.since())));
        prune(committed);
    }

    private void rollBackToPrevious(UpdateState probation, String why) throws IOException {
        restoreLink();
        UpdateState rolledBack = files.save(probation.rollBack(why, Instant.now()));
        log.warn("update to {} rolled back: {}; switching to version {}", probation.target(), why, probation.previous());
        Optional<List<String>> command = rolledBack.previousHome() == null ? Optional.empty()
                : host.takeOverCommand(Path.of(rolledBack.previousHome()));
        if (command.isEmpty() || host.handOver("rollback to " + probation.previous(), command.get()).isEmpty()) {
            log.error("update: cannot start version {}; version {} runs on", probation.previous(), probation.target());
        }
    }

    /** A restart settled the update as rolled back: the link goes back, and the outcome is kept. */
    void settleRollBack(UpdateState rolledBack) throws IOException {
        restoreLink();
        files.save(rolledBack);
        log.warn("update to {} rolled back: {}", rolledBack.target(), rolledBack.reason());
    }

    private void restoreLink() throws IOException {
        Path mark = files.probationMark();
        if (!Files.exists(mark)) {
            return;
        }
        String back = Files.readString(mark).strip();
        if (back.isEmpty()) {
            files.installations().clearCurrent();
        } else {
            files.installations().switchTo(back);
        }
        Files.delete(mark);
    }

    /** Keeps the version running, the one it replaced and as many more as {@code update.keep_versions} says. */
    private void prune(UpdateState committed) {
        try {
            Installations installations = files.installations();
            List<String> others = new ArrayList<>(installations.installed().reversed());
            others.remove(committed.target());
            if (others.remove(committed.previous())) {
                others.addFirst(committed.previous());
            }
            List<String> keep = others.subList(0, Math.min(others.size(), host.settings().keepVersions()));
            List<String> deleted = installations.prune(List.copyOf(keep));
            if (!deleted.isEmpty()) {
                log.info("update: removed the versions no longer kept: {}", deleted);
            }
        } catch (IOException e) {
            log.warn("update: cannot remove old versions: {}", e.getMessage());
        }
    }
}
