package dev.ferry.it.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A command running in a pseudo-terminal of a tmux server of its own (its own socket, so no user's tmux is touched),
 * for tests that read the screen a full-screen command draws and type keys at it.
 */
final class TmuxSession implements AutoCloseable {

    private final String socket = "ferry-test-" + UUID.randomUUID();
    private final String name = "top";

    private TmuxSession() {}

    static TmuxSession start(Path dir, int columns, int rows, List<String> command) throws IOException, InterruptedException {
        TmuxSession session = new TmuxSession();
        session.tmux("new-session", "-d", "-s", session.name, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "-c", dir.toString(), shellWords(command));
        return session;
    }

    /** What the terminal shows now, one line per row. */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", name);
    }

    void type(String keys) throws IOException, InterruptedException {
        tmux("send-keys", "-t", name, keys);
    }

    /** Whether the command still runs; the session ends when it exits. */
    boolean running() throws IOException, InterruptedException {
        return run(List.of("tmux", "-L", socket, "has-session", "-t", name)).exitCode == 0;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("tmux", "-L", socket, "kill-server"));
    }

    private String tmux(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(arguments));
        Outcome outcome = run(command);
        if (outcome.exitCode != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + outcome.output);
        }
        return outcome.output;
    }

    private record Outcome(int exitCode, String output) {}

    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Outcome(process.exitValue(), output);
    }

    private static String shellWords(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.isEmpty() ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return line.toString();
    }
}
