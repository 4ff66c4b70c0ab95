package dev.ferry.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real agent as a child JVM, for tests that kill, signal and restart it. Output goes to files in the given
 * directory so a test can read it after the process is gone.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private AgentProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code ferry <args>} with output in {@code workDir/<name>.out} and {@code .err}. */
    public static AgentProcess start(Path workDir, String name, String... args) throws IOException {
        return start(workDir, name, Map.of(), args);
    }

    /**
     * As {@link #start(Path, String, String...)}, with {@code env} added to the environment the child inherits, e.g.
     * a password that the config names as {@code ${NAME}}.
     */
    public static AgentProcess start(Path workDir, String name, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(workDir);
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        List<String> command = new ArrayList<>(AgentCommand.java());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new AgentProcess(process, out, err);
    }

    /** Runs {@code ferry <args>} to completion and returns its exit code and output. */
    public static Result run(Path workDir, String name, Duration limit, String... args) throws IOException, InterruptedException {
        return run(workDir, name, limit, Map.of(), args);
    }

    /** As {@link #run(Path, String, Duration, String...)}, with {@code env} added to the child's environment. */
    public static Result run(Path workDir, String name, Duration limit, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        try (AgentProcess agent = start(workDir, name, env, args)) {
            if (!agent.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("ferry " + String.join(" ", args) + " did not finish within " + limit
                        + "; stderr:\n" + agent.stderrText());
            }
            return new Result(agent.process.exitValue(), agent.stdoutText(), agent.stderrText());
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {}

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush; what survives is what was on disk. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends SIGTERM and waits up to {@code limit}; returns the exit code. */
    public int terminate(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent did not stop within " + limit + " of SIGTERM; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    /** Sends SIGHUP, which asks a running agent to reload its config. */
    public void hangUp() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Sends {@code signal} (a name such as {@code USR2}) and returns at once. */
    public void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits up to {@code limit} for the agent to exit by itself; returns the exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent did not exit within " + limit + "; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    /** Sends SIGINT (Ctrl-C) and waits up to {@code limit}; returns the exit code. */
    public int interrupt(Duration limit) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent did not stop within " + limit + " of SIGINT; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    public String stdoutText() {
        return read(stdout);
    }

    public String stderrText() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e.getMessage() + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
