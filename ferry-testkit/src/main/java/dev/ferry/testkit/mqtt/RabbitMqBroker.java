package dev.ferry.testkit.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A private RabbitMQ node with its MQTT plugin, as a child process on free loopback ports, for interoperability
 * tests. Its node name is random, its configuration, database, logs and Erlang cookie live in a directory of its
 * own, and it runs its own Erlang port mapper ({@code epmd}) on a free port: it never meets a RabbitMQ installed as
 * a service on the same machine, nor the node of another test. Anonymous MQTT clients are let in as the
 * {@code guest} user on vhost {@code /}.
 *
 * <p>RabbitMQ takes several seconds to start, so share one node across a test class. It runs as whoever runs the
 * tests, root included: the Debian wrapper {@code /usr/sbin/rabbitmq-server} would switch to the {@code rabbitmq}
 * user and write to {@code /var/lib/rabbitmq}, so the broker calls RabbitMQ's own script behind it.
 *
 * <pre>{@code
 * try (RabbitMqBroker broker = RabbitMqBroker.start(tempDir)) {
 *     ... connect an MQTT client to broker.host():broker.port() ...
 * }   // stops the node and its epmd, deletes its directory
 * }</pre>
 *
 * Not thread-safe: one test thread starts and closes it.
 */
public final class RabbitMqBroker implements AutoCloseable {

    /** RabbitMQ's start script; {@code /usr/sbin/rabbitmq-server} is Debian's wrapper around it. */
    static final Path SERVER_SCRIPT = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final String HOST = "127.0.0.1";
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(2);

    private final RabbitMqNodeFiles files;
    private final Process epmd;
    private final Thread killOnExit;
    private final Process node;

    private RabbitMqBroker(RabbitMqNodeFiles files, Process epmd, Process node) {
        this.files = files;
        this.epmd = epmd;
        this.node = node;
        this.killOnExit = new Thread(this::kill, "kill-" + files.nodeName());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a node whose files go into a new directory under {@code parent}, and waits until its MQTT listener
     * accepts a CONNECT.
     *
     * @throws IllegalStateException RabbitMQ is not installed, exited during start, or did not take an MQTT client
     *     within a minute; the message holds its log
     */
    public static RabbitMqBroker start(Path parent) throws IOException, InterruptedException {
        if (!Files.isExecutable(SERVER_SCRIPT)) {
            throw new IllegalStateException("RabbitMQ is not installed: " + SERVER_SCRIPT
                    + " is missing; install the Debian package rabbitmq-server (bin/install-test-deps does)");
        }
        Files.createDirectories(parent);
        String name = "ferrytest-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        RabbitMqNodeFiles files = new RabbitMqNodeFiles(Files.createTempDirectory(parent, name + "-"), name + "@localhost",
                HOST, RabbitMqPorts.pick(HOST));
        files.write();
        Process epmd = PrivateEpmd.start(HOST, files.ports().epmd(), files.epmdOutputFile(), START_LIMIT);
        Process node;
        try {
            node = startNode(files);
        } catch (IOException | RuntimeException e) {
            ProcessTree.kill(epmd);
            throw e;
        }
        RabbitMqBroker broker = new RabbitMqBroker(files, epmd, node);
        try {
            broker.awaitMqtt();
        } catch (InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String host() {
        return HOST;
    }

    /** The MQTT listener's port. */
    public int port() {
        return files.ports().mqtt();
    }

    /** The AMQP 0-9-1 listener's port. */
    public int amqpPort() {
        return files.ports().amqp();
    }

    /** The Erlang node name, such as {@code ferrytest-1a2b3c4d@localhost}. */
    public String nodeName() {
        return files.nodeName();
    }

    /** The node's own directory; {@link #close()} deletes it. */
    public Path dir() {
        return files.dir();
    }

    /** The node's log so far, start-script output first, for assertions and failure messages. */
    public String log() {
        return read(files.outputFile()) + read(files.logFile());
    }

    public boolean isRunning() {
        return node.isAlive();
    }

    /**
     * Stops the node (SIGTERM: RabbitMQ closes its listeners and clients' connections, then its database) and its
     * epmd, kills whatever still runs after 15 seconds, and deletes the node's directory.
     */
    @Override
    public void close() {
        try {
            ProcessTree.stop(node, STOP_LIMIT);
            ProcessTree.stop(epmd, STOP_LIMIT);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and kills nothing that is still alive
        }
        deleteRecursively(files.dir());
    }

    /** The node's processes (start script, Erlang VM and the VM's helpers) and its epmd, as they are now. */
    List<ProcessHandle> processes() {
        return Stream.concat(ProcessTree.of(node).stream(), Stream.of(epmd.toHandle())).toList();
    }

    @Override
    public String toString() {
        return "RabbitMQ " + files.nodeName() + ", MQTT on " + HOST + ":" + port() + (isRunning() ? "" : ", stopped");
    }

    /** A test JVM that dies without closing the broker must not leave the node or its epmd running. */
    private void kill() {
        ProcessTree.kill(node);
        ProcessTree.kill(epmd);
    }

    private static Process startNode(RabbitMqNodeFiles files) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(SERVER_SCRIPT.toString())
                .directory(files.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(files.outputFile().toFile());
        files.applyTo(builder.environment());
        return builder.start();
    }

    private void awaitMqtt() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!MqttConnectProbe.accepts(HOST, port(), "ferry-probe", PROBE_LIMIT)) {
            if (!node.isAlive()) {
                throw new IllegalStateException("RabbitMQ node " + nodeName() + " exited with " + node.exitValue()
                        + " during start; its configuration is " + files.configFile() + ", its log:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("RabbitMQ node " + nodeName() + " did not accept an MQTT CONNECT on "
                        + HOST + ":" + port() + " within " + START_LIMIT + "; its log:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the RabbitMQ node's directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
