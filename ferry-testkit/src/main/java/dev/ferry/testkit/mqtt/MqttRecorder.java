package dev.ferry.testkit.mqtt;

import dev.ferry.api.Nullable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A subscriber for tests: {@code mosquitto_sub} as a child process, an independent MQTT implementation to check ours
 * against. It records every message (topic, payload, QoS, retain flag, MQTT 5 properties) and keeps the raw output
 * in a file beside the broker's. Like {@code mosquitto_sub}, it reconnects and subscribes again after the broker
 * restarts; {@link #awaitSubscribed(int, Duration)} tells when it is back.
 *
 * <p>Thread-safe: one thread reads the child's output; any thread may query and wait.
 *
 * <pre>{@code
 * try (MqttRecorder recorder = MqttRecorder.on(broker).topics("ferry/#").start()) {
 *     ... publish ...
 *     List<RecordedMessage> got = recorder.awaitCount(100, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class MqttRecorder implements AutoCloseable {

    private static final String PREFIX = "FERRY-RECORDED ";
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path outputFile;
    private final List<RecordedMessage> messages = new ArrayList<>();
    private final Thread reader;
    private int subacks;

    private MqttRecorder(Process process, Path outputFile) {
        this.process = process;
        this.outputFile = outputFile;
        this.reader = Thread.ofVirtual().name("mqtt-recorder").start(this::readOutput);
    }

    /** Settings for a recorder subscribed to {@code broker}'s plain listener. */
    public static MqttRecorderConfig on(MosquittoBroker broker) {
        return new MqttRecorderConfig(broker);
    }

    static MqttRecorder start(MqttRecorderConfig c) throws IOException, InterruptedException {
        // stdbuf: mosquitto_sub block-buffers a pipe, so its SUBACK line would wait for the first message
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", "mosquitto_sub", "-d", "-h", c.broker.host(),
                "-p", Integer.toString(c.broker.port()), "-V", c.mqtt5 ? "mqttv5" : "mqttv311", "-q", Integer.toString(c.qos),
                "-i", c.clientId, "-F", PREFIX + "%x %j"));
        for (String topic : c.topics) {
            command.addAll(List.of("-t", topic));
        }
        if (c.persistentSession) {
            command.add("-c");
        }
        if (c.username != null) {
            command.addAll(List.of("-u", c.username));
        }
        if (c.password != null) {
            command.addAll(List.of("-P", c.password));
        }
        Path out = c.broker.dir().resolve("recorder-" + c.clientId + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        MosquittoBroker.killOnExit(process);
        MqttRecorder recorder = new MqttRecorder(process, out);
        try {
            recorder.awaitSubscribed(1, START_LIMIT);
        } catch (AssertionError | InterruptedException e) {
            recorder.close();
            throw e;
        }
        return recorder;
    }

    /** All messages so far, in arrival order. */
    public synchronized List<RecordedMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized int count() {
        return messages.size();
    }

    /** Waits until at least {@code n} messages arrived; returns them all, or fails the test naming what came. */
    public List<RecordedMessage> awaitCount(int n, Duration limit) throws InterruptedException {
        return await(list -> list.size() >= n, limit, "at least " + n + " messages");
    }

    /** Waits until the messages so far satisfy {@code condition}. */
    public synchronized List<RecordedMessage> await(Predicate<List<RecordedMessage>> condition, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(messages)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("MQTT recorder: expected " + what + " within " + limit + ", got " + messages.size()
                        + (messages.isEmpty() ? "" : "; last: " + messages.getLast()) + "; output in " + outputFile);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(messages);
    }

    /** Waits until the broker acknowledged {@code n} subscriptions in all: 1 after start, 2 after one broker restart. */
    public synchronized void awaitSubscribed(int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (subacks < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive() && subacks < n) {
                throw new AssertionError("MQTT recorder: not subscribed " + n + " time(s) within " + limit
                        + (process.isAlive() ? "" : " (mosquitto_sub exited)") + "; output in " + outputFile);
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    public synchronized void clear() {
        messages.clear();
    }

    public Path outputFile() {
        return outputFile;
    }

    /** Stops {@code mosquitto_sub}; the messages stay readable. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer copy = Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                copy.write(line);
                copy.write('\n');
                copy.flush();
                if (line.startsWith(PREFIX)) {
                    RecordedMessage message = parse(line.substring(PREFIX.length()));
                    synchronized (this) {
                        messages.add(message);
                        notifyAll();
                    }
                } else if (line.contains("received SUBACK")) {
                    synchronized (this) {
                        subacks++;
                        notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** {@code <payload hex> <JSON of %j>}. */
    static RecordedMessage parse(String line) {
        int space = line.indexOf(' ');
        byte[] payload = hex(line.substring(0, space));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonLine.parse(line.substring(space + 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) json.getOrDefault("properties", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, String> user = (Map<String, String>) props.getOrDefault("user-properties", Map.of());
        return new RecordedMessage((String) json.get("topic"), payload, ((Long) json.get("qos")).intValue(),
                ((Long) json.get("retain")) != 0, user, (String) props.get("content-type"),
                (Long) props.get("message-expiry-interval"), number(props.get("payload-format-indicator")));
    }

    private static @Nullable Integer number(@Nullable Object value) {
        return value instanceof Long n ? n.intValue() : null;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }
}
