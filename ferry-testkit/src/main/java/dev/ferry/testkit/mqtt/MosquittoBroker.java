package dev.ferry.testkit.mqtt;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto ({@code /usr/sbin/mosquitto}) as a child process, listening on a free loopback port, for tests
 * that need a broker to fail on demand. Its log goes to {@link #logFile()}; its configuration, password file and
 * ACL live in the directory given to {@link #builder(Path)}.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.builder(tempDir).user("ferry", "secret").start()) {
 *     ... connect to broker.host():broker.port() ...
 *     broker.kill();      // SIGKILL: clients see the TCP connection die
 *     broker.restart();   // the same port again
 * }
 * }</pre>
 *
 * Not thread-safe: one test thread drives it.
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_LIMIT = Duration.ofSeconds(10);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final MosquittoConfig config;
    private final int port;
    private final int tlsPort;
    private final Path configFile;
    private final Path logFile;
    private final Path outputFile;
    private @Nullable Process process;

    private MosquittoBroker(MosquittoConfig config, int port, int tlsPort, Path configFile) {
        this.config = config;
        this.port = port;
        this.tlsPort = tlsPort;
        this.configFile = configFile;
        this.logFile = config.dir.resolve("mosquitto.log");
        this.outputFile = config.dir.resolve("mosquitto.out");
    }

    /** Settings for a broker whose files go into {@code dir} (created if missing). */
    public static MosquittoConfig builder(Path dir) {
        return new MosquittoConfig(dir);
    }

    /** A broker with the defaults: anonymous clients, no TLS, no persistence. */
    public static MosquittoBroker start(Path dir) throws IOException, InterruptedException {
        return builder(dir).start();
    }

    static MosquittoBroker start(MosquittoConfig config) throws IOException, InterruptedException {
        Files.createDirectories(config.dir);
        int port = freePort();
        int tlsPort = config.tls == null ? -1 : freePort();
        Path logFile = config.dir.resolve("mosquitto.log");
        MosquittoBroker broker = new MosquittoBroker(config, port, tlsPort, config.write(port, tlsPort, logFile));
        try {
            broker.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String host() {
        return config.host;
    }

    /** The plain MQTT listener's port; the same across {@link #restart()}. */
    public int port() {
        return port;
    }

    /** The TLS listener's port. */
    public int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker has no TLS listener; configure one with tls(...)");
        }
        return tlsPort;
    }

    public Path dir() {
        return config.dir;
    }

    public Path configFile() {
        return configFile;
    }

    public Path logFile() {
        return logFile;
    }

    /** The broker's log so far, for assertions and failure messages. */
    public String log() {
        return read(logFile) + read(outputFile);
    }

    public long pid() {
        return running().pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, and waits until it exited (with persistence, it saves its database first). */
    public void stop() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL: no DISCONNECT, no will handling, no save; clients' TCP connections reset. */
    public void kill() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly().waitFor();
        }
    }

    /** SIGSTOP: the process freezes with its sockets open, like a hung broker or a black-holed network. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** Starts the broker again on the same ports, stopping it first if it still runs. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Kills the broker if it still runs; the files stay for post-mortems. */
    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "mosquitto on " + config.host + ":" + port + (tlsPort < 0 ? "" : " (TLS " + tlsPort + ")") + (isRunning() ? "" : ", stopped");
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(config.launcher);
        command.addAll(List.of("mosquitto", "-c", configFile.toString()));
        process = new ProcessBuilder(command)
                .directory(config.dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                .start();
        killOnExit(process);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        awaitListening(port, deadline);
        if (tlsPort >= 0) {
            awaitListening(tlsPort, deadline);
        }
    }

    private void awaitListening(int listenerPort, long deadline) throws InterruptedException {
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(config.host, listenerPort), 200);
                return;
            } catch (IOException notYet) {
                if (!running().isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + running().exitValue() + " during start; "
                            + configFile + " and its log:\n" + log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not listen on port " + listenerPort + " within "
                            + START_LIMIT + "; log:\n" + log());
                }
                Thread.sleep(20);
            }
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("kill " + signal + " " + pid() + " failed with exit code " + exit);
        }
    }

    private Process running() {
        if (process == null) {
            throw new IllegalStateException("mosquitto was never started");
        }
        return process;
    }

    /** A test JVM that dies without closing the broker must not leave it running. */
    static void killOnExit(Process child) {
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
