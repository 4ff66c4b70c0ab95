package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.net.Admission;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch_bytes: 16KiB}: readings travel as JSON arrays of at most 16 KiB on {@code ferry/<agent>/batch}, each
 * message naming its first and last reading in MQTT 5 user properties. The broker is unreachable at first, so a
 * backlog builds up and goes out in full arrays. Counted by ID: none missing.
 */
class BatchedModeTest {

    private static final int BATCH_BYTES = 16 * 1024;

    @TempDir
    Path work;

    @Test
    void readingsTravelInArraysOfAtMostBatchBytes() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = AgentConfig.agent("batch-gw").mqttSink("cloud", broker.url(), "batch_bytes: 16KiB").write(work);
            ReceivedReadings received = new ReceivedReadings("batch-gw");
            broker.proxy().admission(Admission.REFUSE);
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                Waits.logged(agent, "sink cloud: DOWN (", 1);
                Thread.sleep(Duration.ofSeconds(1).toMillis());
                broker.proxy().admission(Admission.ACCEPT);
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now().plusSeconds(1));
                Waits.stopCleanly(agent);
            }
            received.update(broker.recorder());
            Completeness.assertDelivered(received, LoggedReadings.read(work.resolve("data")), "cloud");

            List<RecordedMessage> batches = broker.recorder().messages().stream()
                    .filter(message -> !message.topic().endsWith("/status")).toList();
            assertThat(batches).isNotEmpty();
            for (RecordedMessage batch : batches) {
                String first = batch.userProperties().get("first_id");
                String last = batch.userProperties().get("last_id");
                String what = batch.topic() + " of " + batch.payload().length + " bytes, " + first + " to " + last;
                assertThat(batch.topic()).as(what).isEqualTo("ferry/batch-gw/batch");
                assertThat(batch.payload().length).as(what).isLessThanOrEqualTo(BATCH_BYTES);
                assertThat(batch.contentType()).as(what).isEqualTo("application/json");
                String text = batch.payloadText();
                assertThat(text.startsWith("[{\"id\":\"" + first + "\"") && text.endsWith("}]")
                        && text.contains("{\"id\":\"" + last + "\"")).as("%s is an array from first_id to last_id", what).isTrue();
            }
            assertThat(batches).as("the backlog went out in arrays of many readings")
                    .anyMatch(batch -> batch.payload().length > BATCH_BYTES / 2);
            assertThat(received.messages()).isEqualTo(batches.size()).isLessThan(received.distinct());
        }
    }
}
