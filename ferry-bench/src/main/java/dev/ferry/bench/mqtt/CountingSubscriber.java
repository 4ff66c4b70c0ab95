package dev.ferry.bench.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.ferry.api.ReadingId;
import dev.ferry.bench.count.Options;
import dev.ferry.bench.count.ReadingTally;
import dev.ferry.bench.count.SeqScanner;
import dev.ferry.bench.count.TallyRun;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * Subscribes at QoS 1 and counts the readings that arrive, by sequence number, until every reading of the expected
 * range has arrived, nothing arrived for {@code --idle} seconds, or {@code --timeout} (or {@code --duration}) passed.
 * Then prints the counts and writes them as properties to {@code --results}.
 *
 * <p>A reading is found by its {@code "seq":N} in a JSON payload; a message with other payloads (SenML) is counted
 * by its MQTT 5 user properties {@code id}, or {@code first_id} and {@code last_id} for a batch, whose readings have
 * consecutive sequence numbers. The exit status is 0 when the expected range is complete (or only counting was asked
 * for), 1 when it is not.
 *
 * <p>Usage: {@code CountingSubscriber --port P [--host H] [--filter ferry/#] [--first-seq S] [--expect N]
 * [--timeout 600] [--idle 30] [--duration 0] [--ready FILE] [--results FILE]}, times in seconds.
 */
public final class CountingSubscriber {

    private static final Set<String> OPTIONS = Set.of("host", "port", "filter", "first-seq", "expect", "timeout", "idle",
            "duration", "ready", "results");

    private final ReadingTally tally;

    private CountingSubscriber(ReadingTally tally) {
        this.tally = tally;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit("CountingSubscriber", args, OPTIONS, "port");
        long expected = options.number("expect", 0);
        Duration duration = options.seconds("duration", Duration.ZERO);
        Duration limit = duration.isZero() ? options.seconds("timeout", Duration.ofMinutes(10)) : duration;
        Duration idle = duration.isZero() ? options.seconds("idle", Duration.ofSeconds(30)) : duration;
        ReadingTally tally = new ReadingTally(options.number("first-seq", 0), expected, Clock.systemUTC());
        CountingSubscriber subscriber = new CountingSubscriber(tally);

        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5()
                .identifier("ferry-bench-counter-" + ProcessHandle.current().pid())
                .serverHost(options.text("host", "127.0.0.1"))
                .serverPort((int) options.number("port", 1883))
                .buildAsync();
        client.connectWith().cleanStart(true).restrictions().receiveMaximum(65_535).applyRestrictions()
                .send().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter(options.text("filter", "ferry/#")).qos(MqttQos.AT_LEAST_ONCE)
                .callback(subscriber::onMessage).send().get(10, TimeUnit.SECONDS);
        if (!options.text("ready", "").isEmpty()) {
            Files.writeString(options.path("ready"), "subscribed\n");
        }

        ReadingTally.Snapshot result = TallyRun.await("CountingSubscriber", tally, limit, idle);
        client.disconnect().get(5, TimeUnit.SECONDS);
        TallyRun.report("CountingSubscriber", result, expected, "subscriberCpuSeconds",
                Path.of(options.text("results", "")));
        System.exit(result.complete() || expected == 0 ? 0 : 1);
    }

    private void onMessage(Mqtt5Publish message) {
        ByteBuffer payload = message.getPayload().orElse(ByteBuffer.allocate(0));
        int bytes = payload.remaining();
        int[] expectedInIt = {0};
        int found = SeqScanner.scan(payload, seq -> expectedInIt[0] += tally.reading(seq) ? 1 : 0);
        if (found == 0) {
            for (long seq : idRange(message)) {
                expectedInIt[0] += tally.reading(seq) ? 1 : 0;
                found++;
            }
        }
        tally.message(message.getTopic().toString(), bytes, found, expectedInIt[0]);
    }

    /** The sequence numbers a message's {@code id}, or {@code first_id} and {@code last_id}, name; none without them. */
    private static long[] idRange(Mqtt5Publish message) {
        String id = null;
        String firstId = null;
        String lastId = null;
        for (Mqtt5UserProperty property : message.getUserProperties().asList()) {
            switch (property.getName().toString()) {
                case "id" -> id = property.getValue().toString();
                case "first_id" -> firstId = property.getValue().toString();
                case "last_id" -> lastId = property.getValue().toString();
                default -> { }
            }
        }
        if (id != null) {
            firstId = id;
            lastId = id;
        }
        if (firstId == null || lastId == null) {
            return new long[0];
        }
        long first = ReadingId.parse(firstId).seq();
        return LongStream.rangeClosed(first, ReadingId.parse(lastId).seq()).toArray();
    }
}
