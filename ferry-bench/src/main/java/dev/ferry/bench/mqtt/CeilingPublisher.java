package dev.ferry.bench.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import dev.ferry.bench.count.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling of the MQTT benchmark: how many QoS 1 messages a second a bare asynchronous publisher (the HiveMQ
 * client, no log, no encoding work beyond one string per message) gets through the same broker. Its messages look
 * like the sink's per-reading messages: a JSON object with {@code "seq"} of the given size, content type and payload
 * format indicator, and the reading's ID as user property {@code id}, on a topic of the given name. So the counting
 * subscriber counts them the same way.
 *
 * <p>First {@code --warmup} messages (seq 0 up) warm up client and broker; then {@code --messages} more are timed from
 * the first publish until the last PUBACK, with at most {@code --window} unacknowledged at any time (the broker's
 * receive maximum lowers it further).
 *
 * <p>Usage: {@code CeilingPublisher --port P [--host H] [--topic T] [--payload-bytes B] [--messages N] [--warmup W]
 * [--window 65535] [--results FILE]}.
 */
public final class CeilingPublisher {

    private static final Set<String> OPTIONS = Set.of("host", "port", "topic", "payload-bytes", "messages", "warmup",
            "window", "results");

    private final Mqtt5AsyncClient client;
    private final String topic;
    private final int payloadBytes;
    private final Semaphore window;
    private final AtomicLong failures = new AtomicLong();

    private CeilingPublisher(Mqtt5AsyncClient client, String topic, int payloadBytes, int window) {
        this.client = client;
        this.topic = topic;
        this.payloadBytes = payloadBytes;
        this.window = new Semaphore(window);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit("CeilingPublisher", args, OPTIONS, "port");
        long messages = options.number("messages", 1_000_000);
        long warmup = options.number("warmup", 100_000);
        int window = (int) options.number("window", 65_535);
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5()
                .identifier("ferry-bench-ceiling-" + ProcessHandle.current().pid())
                .serverHost(options.text("host", "127.0.0.1"))
                .serverPort((int) options.number("port", 1883))
                .buildAsync();
        client.connectWith().cleanStart(true).restrictions().sendMaximum(Math.min(window, 65_535)).applyRestrictions()
                .send().get(10, TimeUnit.SECONDS);
        CeilingPublisher publisher = new CeilingPublisher(client, options.text("topic", "ferry/ceiling/sim0/s00"),
                (int) options.number("payload-bytes", 160), window);

        publisher.publish(0, warmup);
        long start = System.nanoTime();
        publisher.publish(warmup, messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        client.disconnect().get(5, TimeUnit.SECONDS);

        double rate = messages / seconds;
        System.out.printf(Locale.ROOT, "CeilingPublisher: %,d QoS 1 messages of %d bytes acknowledged in %.3f s = %,.0f"
                + " messages/s (window %d, %d failed)%n", messages, publisher.payloadBytes, seconds, rate, window,
                publisher.failures.get());
        if (!options.text("results", "").isEmpty()) {
            Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            Files.writeString(options.path("results"), String.format(Locale.ROOT,
                    "messages=%d%npayloadBytes=%d%nwindow=%d%nseconds=%.3f%nmessagesPerSecond=%.0f%nfailures=%d%ncpuSeconds=%.2f%n",
                    messages, publisher.payloadBytes, window, seconds, rate, publisher.failures.get(), cpu.toNanos() / 1e9));
        }
        System.exit(publisher.failures.get() == 0 ? 0 : 1);
    }

    /** Publishes {@code count} messages from {@code firstSeq} and returns once every one was acknowledged. */
    private void publish(long firstSeq, long count) throws InterruptedException {
        CountDownLatch acknowledged = new CountDownLatch(1);
        AtomicLong remaining = new AtomicLong(count);
        if (count == 0) {
            return;
        }
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            window.acquire();
            String id = "ceiling:bench:" + seq;
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload(id, seq))
                    .contentType("application/json").payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                    .userProperties().add("id", id).applyUserProperties()
                    .send()
                    .whenComplete((result, error) -> {
                        if (error != null || result.getError().isPresent()) {
                            failures.incrementAndGet();
                        }
                        window.release();
                        if (remaining.decrementAndGet() == 0) {
                            acknowledged.countDown();
                        }
                    });
        }
        acknowledged.await();
    }

    /** A reading-like JSON object padded to {@link #payloadBytes}. */
    private byte[] payload(String id, long seq) {
        String head = "{\"id\":\"" + id + "\",\"seq\":" + seq + ",\"source\":\"sim0\",\"metric\":\"s00\",\"value\":21.5,\"pad\":\"";
        int pad = Math.max(0, payloadBytes - head.length() - 2);
        return (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
