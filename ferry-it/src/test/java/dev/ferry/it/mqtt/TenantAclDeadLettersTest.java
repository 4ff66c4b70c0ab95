package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.StoredReading;
import dev.ferry.runtime.deadletter.DeadLetter;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import dev.ferry.it.management.Endpoint;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent against a Mosquitto set up as multi-tenant platforms are (mutual TLS, the certificate's name as the user
 * name, {@code pattern readwrite tenants/%u/#}), with one source inside its tenant, one outside, and a third whose
 * readings can never form a valid topic (a tag far longer than MQTT allows). Counted by ID: every allowed reading
 * arrives, exactly the refused ones are dead-lettered, the poison ones with their own reason, and nothing stalls.
 * Then the ACL is widened and Mosquitto restarted, and {@code ferry deadletter replay} delivers the refused readings
 * with their original IDs through the running agent; the poison stays dead-lettered, refused again.
 */
class TenantAclDeadLettersTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String AGENT = "gw-acme";
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern SOURCE = Pattern.compile("\"source\":\"([^\"]+)\"");

    @TempDir
    Path work;

    private TestPki pki;
    private int managementPort;
    private Issued gateway;

    @BeforeEach
    void issueCertificates() throws Exception {
        pki = TestPki.create(Files.createDirectories(work.resolve("pki")));
        gateway = pki.client(AGENT).issue();
    }

    /** Mutual TLS, the certificate's name as the user name, each user allowed below {@code tenants/<user>/} only. */
    private MosquittoConfig tenantBroker() throws Exception {
        Issued server = pki.server("localhost");
        return MosquittoBroker.builder(work.resolve("broker"))
                .tls(new MosquittoConfig.Tls(pki.caFile(), server.certFile(), server.keyFile(), true, null, true))
                .acl("topic read #\npattern readwrite tenants/%u/#\n");
    }

    /** A source inside the gateway's tenant, {@code moreSources}, and the sink {@code cloud} with {@code moreSinkKeys}. */
    private Path writeConfig(MosquittoBroker broker, String moreSources, String moreSinkKeys) throws Exception {
        managementPort = FreePorts.tcp();
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: %s, data_dir: ./data}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  boiler: {type: simulated, interval: 10ms, tags: {tenant: %s}}
                %ssinks:
                  cloud:
                    type: mqtt
                    url: mqtts://localhost:%d
                    topic: "tenants/{tag:tenant}/{source}/{metric}"
                    tls: {ca: "%s", cert: "%s", key: "%s"}
                    retry_initial: 200ms
                %s""".formatted(AGENT, managementPort, AGENT, moreSources.indent(2), broker.tlsPort(), pki.caFile(), gateway.certFile(),
                gateway.keyFile(), moreSinkKeys.isEmpty() ? "    retry_max: 1s\n" : moreSinkKeys.indent(4)));
    }

    @Test
    void refusedReadingsAreDeadLetteredExactlyAndReplayedOnceTheAclAllowsThem() throws Exception {
        try (MosquittoBroker broker = tenantBroker()
                .maxInflightMessages(1000)
                .persistence(true)
                .maxQueuedMessages(100_000)
                .start()) {
            Path config = writeConfig(broker, """
                    intruder: {type: simulated, interval: 10ms, tags: {tenant: other}}
                    poison: {type: simulated, interval: 500ms, tags: {tenant: "%s"}}
                    """.formatted("x".repeat(66_000)), "");
            Path deadLetters = DeadLetterFiles.directory(work.resolve("data"), "cloud");
            List<RecordedMessage> received = new ArrayList<>();

            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                MqttRecorder before = recorder(broker);
                try (before) {
                    await().atMost(LIMIT).until(() -> codes(deadLetters).getOrDefault("mqtt_0x87", 0) >= 300
                            && codes(deadLetters).getOrDefault("topic_too_long", 0) >= 3 || !agent.isAlive());
                    assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();
                    await().atMost(LIMIT).until(() -> before.count() >= 300);
                    assertThat(agent.stderrText()).as("the status topic went under the tenant's prefix and was accepted")
                            .doesNotContain("status message").doesNotContain("\tat ");
                    String metrics = new Endpoint(managementPort).get("/metrics").body();
                    assertThat(metrics).as("refusals and dead letters show by reason")
                            .containsPattern("ferry_sink_refused_readings_total\\{reason=\"mqtt_0x87\",sink=\"cloud\"} [1-9]")
                            .containsPattern("ferry_sink_refused_readings_total\\{reason=\"topic_too_long\",sink=\"cloud\"} [1-9]")
                            .containsPattern("ferry_sink_dead_letters\\{sink=\"cloud\"} [1-9]");
                }
                // only once closed: what mosquitto_sub acknowledged up to its end is gone from the broker's session
                received.addAll(before.messages());

                Files.writeString(broker.dir().resolve("acl"), "topic read #\npattern readwrite tenants/#\n");
                broker.restart();
                try (MqttRecorder after = recorder(broker)) {
                    await().atMost(LIMIT).until(() -> after.messages().stream().anyMatch(m -> m.topic().contains("/intruder/")));
                    Set<String> refusedBefore = idsOf(deadLetters, "mqtt_0x87");
                    AgentProcess.Result replay = AgentProcess.run(work, "replay", LIMIT, "deadletter", "replay", "-c",
                            config.toString(), "--sink", "cloud");
                    assertThat(replay.stdout()).as(replay.stderr()).contains("are being sent again by the running agent");
                    await().atMost(LIMIT).until(() -> !codes(deadLetters).containsKey("mqtt_0x87")
                            && !DeadLetterFiles.replayPending(deadLetters));
                    await().atMost(LIMIT).until(() -> ids(after.messages()).containsAll(refusedBefore));
                    assertThat(agent.terminate(LIMIT)).as(agent.stderrText()).isZero();
                    assertThat(agent.stderrText()).doesNotContain("\tat ").contains("0x87 not authorized")
                            .contains("longer than the 65535 bytes MQTT allows").contains("sink cloud: dead letters: replay finished");
                    checkByIds(work.resolve("data"), deadLetters, received, after);
                }
            }
        }
    }

    @Test
    void underTheRetryPolicyNothingIsDeadLetteredAndTheSinkHoldsAtTheRefusedReading() throws Exception {
        try (MosquittoBroker broker = tenantBroker()
                .line("log_type debug")
                .start();
                MqttRecorder recorder = recorder(broker)) {
            Path config = writeConfig(broker, """
                    intruder: {type: simulated, interval: 1s, tags: {tenant: other}}
                    """, "on_refused: retry\nretry_max: 2s\n");
            Path deadLetters = DeadLetterFiles.directory(work.resolve("data"), "cloud");
            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
                await().atMost(LIMIT).until(() -> agent.stderrText().contains("held and retried with backoff") || !agent.isAlive());
                await().atMost(LIMIT).alias("the held reading is sent again").until(() -> broker.log().lines()
                        .filter(line -> line.contains("Denied PUBLISH") && line.contains("tenants/other/intruder")).count() >= 3);
                assertThat(agent.terminate(LIMIT)).as(agent.stderrText()).isZero();
                assertThat(agent.stderrText()).doesNotContain("\tat ");
            }
            List<DeadLetter> letters = new ArrayList<>();
            DeadLetterFiles.read(deadLetters, letters::add);
            assertThat(letters).as("nothing dead-lettered under on_refused: retry").isEmpty();
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            long cursor = log.cursor("cloud");
            long firstRefused = log.readings().entrySet().stream().filter(r -> r.getValue().contains("\"source\":\"intruder\""))
                    .mapToLong(Map.Entry::getKey).min().orElseThrow();
            assertThat(firstRefused - cursor).as("the cursor holds at the batch of the first refused reading (seq %d)", firstRefused)
                    .isBetween(0L, 255L);
            for (long seq = 0; seq < cursor; seq++) {
                assertThat(log.readings().get(seq)).as("only allowed readings before it").contains("\"source\":\"boiler\"");
            }
            List<String> before = log.readings().entrySet().stream()
                    .filter(reading -> reading.getKey() < cursor).map(reading -> find(ID, reading.getValue())).toList();
            await().atMost(LIMIT).until(() -> ids(recorder.messages()).containsAll(before));
        }
    }

    /** Counts by ID against the log, once the agent stopped; waits for the recorder to catch up with the broker. */
    private static void checkByIds(Path dataDir, Path deadLetters, List<RecordedMessage> before, MqttRecorder after) throws Exception {
        LoggedReadings log = LoggedReadings.read(dataDir);
        long cursor = log.cursor("cloud");
        Set<String> allowed = new TreeSet<>();
        Set<String> intruders = new TreeSet<>();
        Set<String> poison = new TreeSet<>();
        for (long seq = 0; seq < cursor; seq++) {
            String json = log.readings().get(seq);
            String id = find(ID, json);
            switch (find(SOURCE, json)) {
                case "boiler" -> allowed.add(id);
                case "intruder" -> intruders.add(id);
                default -> poison.add(id);
            }
        }
        assertThat(poison).as("poison readings in the stream").isNotEmpty();
        Set<String> expected = new TreeSet<>(allowed);
        expected.addAll(intruders);
        await().atMost(LIMIT).until(() -> arrived(before, after).containsAll(expected));
        Set<String> arrived = arrived(before, after);
        assertThat(arrived).as("every allowed and every replayed reading arrived").containsAll(expected);
        assertThat(arrived).as("no poison reading reached the broker").doesNotContainAnyElementsOf(poison);
        assertThat(log.readings().values().stream().map(json -> find(ID, json)).toList()).as("nothing arrived that the log does not hold")
                .containsAll(arrived);
        List<DeadLetter> left = new ArrayList<>();
        DeadLetterFiles.read(deadLetters, left::add);
        assertThat(left).as("only the poison is left, with its reason")
                .allSatisfy(letter -> assertThat(letter.refusal().code()).isEqualTo("topic_too_long"));
        List<String> leftIds = left.stream().map(l -> ((StoredReading) l.entry()).id().toString()).toList();
        assertThat(new HashSet<>(leftIds)).as("each poison dead-lettered once").hasSameSizeAs(leftIds).isEqualTo(poison);
    }

    private static Set<String> arrived(List<RecordedMessage> before, MqttRecorder after) {
        List<RecordedMessage> all = new ArrayList<>(before);
        all.addAll(after.messages());
        return ids(all);
    }

    private static MqttRecorder recorder(MosquittoBroker broker) throws Exception {
        return MqttRecorder.on(broker).topics("tenants/#").qos(1).clientId("tenant-recorder").persistentSession().start();
    }

    private static Map<String, Integer> codes(Path deadLetters) throws Exception {
        Map<String, Integer> codes = new java.util.TreeMap<>();
        DeadLetterFiles.read(deadLetters, letter -> codes.merge(letter.refusal().code(), 1, Integer::sum));
        return codes;
    }

    private static Set<String> idsOf(Path deadLetters, String code) throws Exception {
        Set<String> ids = new TreeSet<>();
        DeadLetterFiles.read(deadLetters, letter -> {
            if (letter.refusal().code().equals(code) && letter.entry() instanceof StoredReading stored) {
                ids.add(stored.id().toString());
            }
        });
        return ids;
    }

    private static Set<String> ids(List<RecordedMessage> messages) {
        Set<String> ids = new TreeSet<>();
        for (RecordedMessage message : messages) {
            Matcher m = ID.matcher(message.payloadText());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static String find(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new AssertionError(pattern + " not in " + json);
        }
        return m.group(1);
    }
}
