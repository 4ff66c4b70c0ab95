package dev.ferry.bench.footprint;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the readings of the footprint benchmark as they reach a subscriber: for each publisher ({@code ferry/NAME/...})
 * when its first reading arrived, how many readings arrived (by {@code seq}, and messages in all), and how long each
 * took from its {@code time} to its arrival: p50, p99 and max, over the readings that arrived after
 * {@code --settle-seconds} from the first (and how many those were, for a rate per reading). Runs until SIGTERM, then writes {@code NAME.firstArrivalMs},
 * {@code NAME.readings}, {@code NAME.messages}, {@code NAME.latencyP50Ms}, ... to {@code --results}.
 *
 * <p>Usage: {@code ArrivalSubscriber --port P --results FILE [--host 127.0.0.1] [--settle-seconds 10]
 * [--ready FILE]}.
 */
public final class ArrivalSubscriber {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    /** What arrived from one publisher. */
    private static final class Arrivals {
        long firstMs = -1;
        long messages;
        final Set<Long> seqs = new HashSet<>();
        long readingsAfterSettle;
        long[] latenciesMicros = new long[1 << 16];
        int latencies;

        synchronized void add(long arrivedMs, long arrivedMicros, String payload, long settleMs) {
            if (firstMs < 0) {
                firstMs = arrivedMs;
            }
            messages++;
            Matcher seq = SEQ.matcher(payload);
            Matcher time = TIME.matcher(payload);
            while (seq.find() && time.find()) {
                seqs.add(Long.parseLong(seq.group(1)));
                if (arrivedMs - firstMs >= settleMs) {
                    readingsAfterSettle++;
                    Instant at = Instant.parse(time.group(1));
                    long micros = arrivedMicros - (at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000);
                    if (latencies == latenciesMicros.length) {
                        latenciesMicros = Arrays.copyOf(latenciesMicros, latencies * 2);
                    }
                    latenciesMicros[latencies++] = micros;
                }
            }
        }

        synchronized List<String> report(String name) {
            long[] sorted = Arrays.copyOf(latenciesMicros, latencies);
            Arrays.sort(sorted);
            List<String> lines = new ArrayList<>();
            lines.add(name + ".firstArrivalMs=" + firstMs);
            lines.add(name + ".messages=" + messages);
            lines.add(name + ".readings=" + seqs.size());
            lines.add(name + ".readingsAfterSettle=" + readingsAfterSettle);
            if (sorted.length > 0) {
                lines.add(name + ".latencyP50Ms=" + millis(sorted[(int) (sorted.length * 0.50)]));
                lines.add(name + ".latencyP99Ms=" + millis(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]));
                lines.add(name + ".latencyMaxMs=" + millis(sorted[sorted.length - 1]));
            }
            return lines;
        }

        private static String millis(long micros) {
            return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
        }
    }

    public static void main(String[] args) throws Exception {
        String results = null;
        String ready = null;
        String host = "127.0.0.1";
        int port = 0;
        long settleMs = 10_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                case "--results" -> results = args[i + 1];
                case "--ready" -> ready = args[i + 1];
                case "--settle-seconds" -> settleMs = Long.parseLong(args[i + 1]) * 1000;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (results == null || port == 0) {
            throw new IllegalArgumentException("--port and --results are required");
        }
        Map<String, Arrivals> byPublisher = new ConcurrentHashMap<>();
        long settle = settleMs;
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("ferry-bench-arrivals")
                .serverHost(host).serverPort(port).buildAsync();
        client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("ferry/#").qos(MqttQos.AT_LEAST_ONCE).callback((Mqtt5Publish message) -> {
            Instant now = Instant.now();
            String[] levels = message.getTopic().toString().split("/");
            if (levels.length < 3 || levels[levels.length - 1].equals("status")) {
                return;
            }
            String payload = StandardCharsets.UTF_8.decode(message.getPayload().orElseThrow()).toString();
            byPublisher.computeIfAbsent(levels[1], name -> new Arrivals())
                    .add(now.toEpochMilli(), now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, payload, settle);
        }).send().get(10, TimeUnit.SECONDS);
        if (ready != null) {
            Files.writeString(Path.of(ready), "subscribed\n");
        }
        CountDownLatch stop = new CountDownLatch(1);
        String out = results;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<String> lines = new ArrayList<>();
            byPublisher.forEach((name, arrivals) -> lines.addAll(arrivals.report(name)));
            try {
                Files.write(Path.of(out), lines);
            } catch (java.io.IOException e) {
                System.err.println("ArrivalSubscriber: cannot write " + out + ": " + e.getMessage());
            }
            stop.countDown();
        }));
        stop.await();
    }
}
