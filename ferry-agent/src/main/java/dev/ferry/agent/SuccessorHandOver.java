package dev.ferry.agent;

import dev.ferry.log.DurableLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGUSR2: the running agent starts its successor, the same command with {@code --take-over}, and stops once the
 * successor has read and checked everything and waits for the data directory; the successor then takes over (see
 * {@link DataDirHandOver}). Should the successor end before it is ready, this agent runs on. It writes to the same
 * standard output and error, so the log goes on in one place.
 *
 * <p>Under systemd (a {@code Type=notify} unit) this agent tells systemd that the successor is the service's main
 * process before it ends; otherwise systemd would stop the successor with it.
 */
final class SuccessorHandOver {

    private static final Duration READY_LIMIT = Duration.ofMinutes(2);
    private static final AtomicBoolean UNDER_WAY = new AtomicBoolean();
    private static final int SIGSEGV = 11;
    private static final int SIGUSR2 = 12;

    private SuccessorHandOver() {}

    private static Logger log() {
        return LoggerFactory.getLogger(SuccessorHandOver.class);
    }

    /**
     * True when this JVM leaves SIGUSR2 to the agent. HotSpot suspends threads with SIGUSR2 unless
     * {@code _JAVA_SR_SIGNUM} names another signal (the launcher sets it); a handler of the agent's would take those
     * signals, and JFR's thread sampling, in a diagnostics bundle for instance, would start successors.
     */
    static boolean signalFree() {
        String moved = System.getenv("_JAVA_SR_SIGNUM");
        try {
            int signal = moved == null ? SIGUSR2 : Integer.parseInt(moved.strip());
            return signal != SIGUSR2 && signal > SIGSEGV;   // HotSpot ignores anything else and keeps SIGUSR2
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Starts the successor and, once it waits for the data directory, calls {@code stopThisAgent}. */
    static void begin(Path dataDir, Runnable stopThisAgent) {
        Optional<List<String>> command = ownCommand();
        if (command.isEmpty()) {
            log().error("SIGUSR2: cannot tell the command this agent was started with; this agent runs on");
            return;
        }
        start("SIGUSR2", command.get(), Map.of(), dataDir, false, stopThisAgent);
    }

    /**
     * Starts {@code command} (which ends in {@code --take-over}) with {@code environment} added (a null value
     * removes the variable), and once it waits for the data directory calls {@code stopThisAgent}.
     *
     * @param why what the log lines begin with
     * @param stopped this agent has stopped already and let go of the data directory (a switch back after a failed
     *     switch): the successor takes it at once, without waiting
     * @return the successor once it is ready and this agent stops; empty when this agent runs on (logged)
     */
    static Optional<Process> start(String why, List<String> command, Map<String, String> environment, Path dataDir,
            boolean stopped, Runnable stopThisAgent) {
        if (System.getenv("INVOCATION_ID") != null && !SystemdNotify.expected()) {
            log().warn("{}: under systemd a hand-over to a new process needs a unit of Type=notify, which tells"
                    + " systemd the successor's process id; this one is not, so the service would stop with this"
                    + " process; use systemctl restart ferry", why);
            return Optional.empty();
        }
        if (!UNDER_WAY.compareAndSet(false, true)) {
            log().info("{}: a hand-over is under way already", why);
            return Optional.empty();
        }
        Optional<Process> handedOver = Optional.empty();
        try {
            handedOver = handOver(why, command, environment, dataDir, stopped, stopThisAgent);
        } catch (IOException e) {
            log().error("{}: cannot start the successor: {}; this agent runs on", why, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (handedOver.isEmpty()) {
                UNDER_WAY.set(false);
            }
        }
        return handedOver;
    }

    /** Lets a later hand-over start: the one that stopped this agent did not take (the agent runs again). */
    static void ended() {
        UNDER_WAY.set(false);
    }

    private static Optional<Process> handOver(String why, List<String> command, Map<String, String> environment,
            Path dataDir, boolean stopped, Runnable stopThisAgent) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process successor = builder.start();
        log().info("{}: started a successor (pid {}); this agent stops once it is ready to take over", why,
                successor.pid());
        Path waiting = DataDirHandOver.waitingFile(dataDir);
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (!waitingFor(waiting, successor.pid()) && !(stopped && DurableLog.inUse(dataDir.resolve("log")))) {
            if (!successor.isAlive()) {
                log().error("{}: the successor ended (exit code {}) before it was ready; this agent runs on", why,
                        successor.exitValue());
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                successor.destroy();
                log().error("{}: the successor was not ready within {}; stopped it, this agent runs on", why,
                        READY_LIMIT);
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        log().info("{}: the successor (pid {}) is ready; stopping this agent", why, successor.pid());
        SystemdNotify.mainProcess(successor.pid());   // before this one ends, or systemd would stop the service
        stopThisAgent.run();
        return Optional.of(successor);
    }

    private static boolean waitingFor(Path waiting, long pid) {
        try {
            return Files.readString(waiting).strip().equals(Long.toString(pid));
        } catch (IOException e) {
            return false;
        }
    }

    /** This process's own command line, with {@code --take-over} added. */
    static Optional<List<String>> ownCommand() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        if (self.command().isEmpty() || self.arguments().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(self.command().get());
        command.addAll(List.of(self.arguments().get()));
        return Optional.of(withTakeOver(command));
    }

    /** {@code command} with {@code --take-over} added, when it is not there already. */
    static List<String> withTakeOver(List<String> command) {
        List<String> full = new ArrayList<>(command);
        if (!full.contains("--take-over")) {
            full.add("--take-over");
        }
        return full;
    }
}
