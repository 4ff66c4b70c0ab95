package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.RecordedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sink's other shapes end to end, against a real Mosquitto without faults: MQTT 3.1.1, QoS 0, and SenML JSON
 * payloads. Every reading the sink acknowledged arrived, found by the ID in its payload.
 */
class ProtocolVariantsTest {

    private static final Pattern ID = Pattern.compile("\"id\":\"(variant-gw:[a-z2-7]+:(\\d+))\"");

    @TempDir
    Path work;

    @ParameterizedTest(name = "MQTT {0}, QoS {1}, {2}")
    @CsvSource({"3.1.1, 1, json", "5, 0, json", "3.1.1, 0, senml-json", "5, 1, senml-json"})
    void everyAcknowledgedReadingArrives(String protocol, int qos, String encoding) throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = AgentConfig.agent("variant-gw").mqttSink("cloud", broker.url(),
                    "protocol: \"" + protocol + "\"", "qos: " + qos, "encoding: " + encoding).write(work);
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                Waits.logged(agent, "sink cloud: connected to", 1);
                Thread.sleep(Duration.ofSeconds(2).toMillis());
                Waits.stopCleanly(agent);
            }
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            long acknowledged = log.cursor("cloud");
            assertThat(acknowledged).as("readings acknowledged").isGreaterThan(50);

            org.awaitility.Awaitility.await().atMost(Waits.LIMIT).until(() -> seqs(broker).size() >= acknowledged);
            Set<Long> seqs = seqs(broker);
            for (long seq = 0; seq < acknowledged; seq++) {
                assertThat(seqs).as("reading %d arrived (MQTT %s, QoS %d, %s)", seq, protocol, qos, encoding).contains(seq);
            }
            RecordedMessage any = broker.recorder().messages().stream()
                    .filter(message -> message.topic().startsWith("ferry/variant-gw/sim/")).findFirst().orElseThrow();
            if (encoding.equals("senml-json")) {
                assertThat(any.payloadText()).startsWith("[{\"bn\":\"variant-gw:\",\"n\":\"sim/count\"");
            }
            assertThat(any.qos()).isEqualTo(qos);
        }
    }

    private static Set<Long> seqs(ProxiedBroker broker) {
        Set<Long> seqs = new TreeSet<>();
        for (RecordedMessage message : broker.recorder().messages()) {
            Matcher m = ID.matcher(message.payloadText());
            while (m.find()) {
                seqs.add(Long.parseLong(m.group(2)));
            }
        }
        return seqs;
    }
}
