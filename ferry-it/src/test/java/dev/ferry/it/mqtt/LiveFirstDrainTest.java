package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.RecordedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drain: live-first}: after an outage, readings made after the reconnect reach the broker before the
 * backlog is done, and the backlog still arrives complete. Counted by ID: none missing.
 */
class LiveFirstDrainTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path work;

    @Test
    void freshReadingsOvertakeTheBacklogAndNothingIsLost() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            // 1,000 readings a second, so an outage of a few seconds leaves a backlog many batches long: more than the
            // sink keeps in flight at once, which is when the order of sending shows.
            Path config = AgentConfig.agent("live-gw").interval("1ms").mqttSink("cloud", broker.url(), "drain: live-first").write(work);
            ReceivedReadings received = new ReceivedReadings("live-gw");
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                broker.kill();
                Waits.logged(agent, "sink cloud: DOWN (", 1);
                Thread.sleep(Duration.ofSeconds(3).toMillis());   // a backlog of some 3,000 readings builds up
                int before = broker.recorder().messages().size();
                broker.restart();
                Waits.logged(agent, "sending fresh ones first and backfilling up to seq", 1);
                Waits.logged(agent, "backlog delivered; back to oldest-first", 1);
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);

                List<Long> afterRestart = seqsOf(broker.recorder().messages().subList(before, broker.recorder().messages().size()));
                long split = splitPoint(agent.stderrText());
                int firstFresh = indexOfFirst(afterRestart, seq -> seq >= split);
                int lastBacklog = lastIndexOf(afterRestart, seq -> seq < split);
                assertThat(firstFresh).as("a fresh reading arrived after the reconnect").isNotNegative();
                assertThat(firstFresh).as("fresh readings arrived before the backlog was done (split at %d)", split)
                        .isLessThan(lastBacklog);
            }
            received.update(broker.recorder());
            Completeness.assertDelivered(received, LoggedReadings.read(work.resolve("data")), "cloud");
        }
    }

    private static long splitPoint(String log) {
        Matcher m = Pattern.compile("backfilling up to seq (\\d+)").matcher(log);
        assertThat(m.find()).as("split logged").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<Long> seqsOf(List<RecordedMessage> messages) {
        List<Long> seqs = new ArrayList<>();
        for (RecordedMessage message : messages) {
            Matcher m = SEQ.matcher(message.payloadText());
            if (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
        }
        return seqs;
    }

    private static int indexOfFirst(List<Long> seqs, java.util.function.LongPredicate test) {
        for (int i = 0; i < seqs.size(); i++) {
            if (test.test(seqs.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<Long> seqs, java.util.function.LongPredicate test) {
        for (int i = seqs.size() - 1; i >= 0; i--) {
            if (test.test(seqs.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
