package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.management.Endpoint;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config changed while the agent runs under load (five simulated sources, 1,000 readings a second in all, into a
 * file sink and an MQTT sink to a real Mosquitto), by each trigger: the file changing, SIGHUP, {@code ferry reload}.
 * Only what changed restarts: an unchanged source's counter runs on without a break. An invalid file, or a change
 * only a restart can make, is refused with its reasons and the pipeline delivers on; a sink that cannot start undoes
 * the whole reload. At the end both sinks are counted by ID against the log: none missing, none under two IDs.
 */
class ConfigReloadTest {

    private static final String AGENT = "reload-gw";
    private static final String TOKEN = "reload-token-0123456789abcdef0123456789";
    private static final Map<String, String> ENV = Map.of("FERRY_TEST_TOKEN", TOKEN, "FERRY_TOKEN", TOKEN);
    private static final Pattern STEADY_VALUE = Pattern.compile("\"source\":\"steady\".*\"value\":(\\d+)");

    @TempDir
    Path work;

    private int managementPort;
    private String brokerUrl;

    /** The config's variable parts; everything else stays the same from one reload to the next. */
    private record Shape(boolean watch, String changingInterval, int cloudBatch, String extraSink, String agentId,
            String extraSourceKey) {

        static Shape initial() {
            return new Shape(true, "5ms", 500, "", AGENT, "");
        }

        Shape watch(boolean on) {
            return new Shape(on, changingInterval, cloudBatch, extraSink, agentId, extraSourceKey);
        }

        Shape changingInterval(String interval) {
            return new Shape(watch, interval, cloudBatch, extraSink, agentId, extraSourceKey);
        }

        Shape cloudBatch(int size) {
            return new Shape(watch, changingInterval, size, extraSink, agentId, extraSourceKey);
        }

        Shape extraSink(String section) {
            return new Shape(watch, changingInterval, cloudBatch, section, agentId, extraSourceKey);
        }

        Shape agentId(String id) {
            return new Shape(watch, changingInterval, cloudBatch, extraSink, id, extraSourceKey);
        }

        Shape extraSourceKey(String line) {
            return new Shape(watch, changingInterval, cloudBatch, extraSink, agentId, line);
        }
    }

    private Path write(Shape shape) throws IOException {
        String text = """
                agent: {id: %s, data_dir: ./data, watch_config: %s}
                management:
                  listen: "127.0.0.1:%d"
                  auth: {tokens: [{token: "${FERRY_TEST_TOKEN}", scopes: ["config:write", "agent:read"]}]}
                sources:
                  steady: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                  second: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                  third: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                  fourth: {type: simulated, interval: 5ms, signals: [{name: count, shape: counter}]}
                  changing:
                    type: simulated
                    interval: %s
                    signals: [{name: count, shape: counter}]
                %s
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                  cloud: {type: mqtt, url: "%s", retry_initial: 200ms, retry_max: 1s, batch_size: %d}
                %s
                """.formatted(shape.agentId(), shape.watch(), managementPort, shape.changingInterval(),
                shape.extraSourceKey().indent(4).stripTrailing(), brokerUrl, shape.cloudBatch(),
                shape.extraSink().indent(2).stripTrailing());
        Path config = work.resolve("ferry.yaml");
        // as an editor that saves safely does: a new file renamed over the old one
        Path written = Files.writeString(work.resolve("ferry.yaml.new"), text);
        Files.move(written, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return config;
    }

    @Test
    void eachTriggerAppliesWhatChangedAndRefusesWhatCannotBe() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            managementPort = FreePorts.tcp();
            brokerUrl = broker.url();
            Shape shape = Shape.initial();
            Path config = write(shape);
            ReceivedReadings received = new ReceivedReadings(AGENT);
            try (AgentProcess agent = AgentProcess.start(work, "agent", ENV, "run", "-c", config.toString())) {
                Waits.logged(agent, "watching " + config.toAbsolutePath(), 1);
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());

                // 1. the file changes (saved the safe way, by rename): a changed source restarts, watching turns off
                shape = shape.changingInterval("4ms").watch(false);
                write(shape);
                Waits.logged(agent, "config reload (file changed) applied: sources restarted: changing", 1);
                Waits.logged(agent, "no longer watching", 1);

                // 2. SIGHUP: a sink added
                shape = shape.extraSink("spare: {type: file, path: ./out/spare.jsonl}");
                write(shape);
                agent.hangUp();
                Waits.logged(agent, "config reload (SIGHUP) applied: sinks added: spare", 1);
                await().atMost(Waits.LIMIT).until(() -> Files.exists(work.resolve("out/spare.jsonl"))
                        && Files.size(work.resolve("out/spare.jsonl")) > 0);

                // 3. ferry reload: that sink removed, the MQTT sink changed (it resumes from its cursor)
                shape = shape.extraSink("").cloudBatch(100);
                write(shape);
                AgentProcess.Result reload = reload(config);
                assertThat(reload.exitCode()).as(reload.stderr()).isZero();
                assertThat(reload.stdout()).contains("reloaded: sinks removed: spare; sinks restarted: cloud");
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());

                // 4. an invalid file: refused with every problem at its line; the agent delivers on
                write(shape.extraSourceKey("intervall: 1s").changingInterval("-1s"));
                AgentProcess.Result refused = reload(config);
                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.stderr()).contains("reload refused; the agent runs on as it was",
                        "ferry.yaml:12: sources.changing.interval: ", "ferry.yaml:14: sources.changing.intervall: ");
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());

                // 5. a change only a restart can make: refused, saying so
                write(shape.agentId("other-gw"));
                agent.hangUp();
                Waits.logged(agent, "agent.id: the readings stored carry the agent's id; changing it needs a restart", 1);

                // 6. the valid file again: the running config already, so nothing restarts
                write(shape);
                AgentProcess.Result same = reload(config);
                assertThat(same.stdout()).contains("nothing changed");

                Endpoint endpoint = new Endpoint(managementPort);
                String metrics = get("/metrics");
                assertThat(metrics).contains("ferry_config_reloads_total{result=\"applied\"} 3.0",
                        "ferry_config_reloads_total{result=\"refused\"} 2.0", "ferry_config_reloads_total{result=\"unchanged\"} 1.0",
                        "ferry_config_last_reload_successful 1.0");
                assertThat(get("/status")).contains("\"reloads\":{\"applied\":3,\"unchanged\":1,\"refused\":2,\"rolled_back\":0}",
                        "\"last_reload\":{\"result\":\"unchanged\",\"trigger\":\"POST /reload\"");
                assertThat(endpoint.up()).isTrue();
                AgentProcess.Result status = AgentProcess.run(work, "status", Duration.ofSeconds(60), ENV, "status", "-c",
                        config.toString());
                assertThat(status.stdout()).contains("reload unchanged ", " (POST /reload): nothing changed");
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
            }
            received.update(broker.recorder());
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            Completeness.assertDelivered(received, log, "cloud");
            FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
            assertUnbroken(log);
        }
    }

    @Test
    void fiftyReloadsUnderLoadLoseNothingAndNameNoReadingTwice() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            managementPort = FreePorts.tcp();
            brokerUrl = broker.url();
            Shape shape = Shape.initial().watch(false);
            Path config = write(shape);
            ReceivedReadings received = new ReceivedReadings(AGENT);
            try (AgentProcess agent = AgentProcess.start(work, "agent", ENV, "run", "-c", config.toString())) {
                Waits.logged(agent, "management endpoint on", 1);
                for (int reload = 1; reload <= 50; reload++) {
                    // every reload restarts a source; every other one the MQTT sink too
                    shape = shape.changingInterval(reload % 2 == 0 ? "5ms" : "4ms").cloudBatch(reload % 4 < 2 ? 500 : 200);
                    write(shape);
                    agent.hangUp();
                    Waits.logged(agent, "config reload (SIGHUP) applied", reload);
                }
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
                assertThat(Waits.occurrences(agent.stderrText(), "config reload (SIGHUP) applied")).isEqualTo(50);
            }
            received.update(broker.recorder());
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            Completeness.assertDelivered(received, log, "cloud");
            FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
            assertUnbroken(log);
        }
    }

    @Test
    void aSinkThatCannotStartUndoesTheWholeReload() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            managementPort = FreePorts.tcp();
            brokerUrl = broker.url();
            Shape shape = Shape.initial().watch(false);
            Path config = write(shape);
            // where the new sink's dead letters would go, a file: the sink cannot start, which no check can know
            Files.createDirectories(work.resolve("data/dead-letters"));
            Files.writeString(work.resolve("data/dead-letters/blocked"), "not a directory");
            ReceivedReadings received = new ReceivedReadings(AGENT);
            try (AgentProcess agent = AgentProcess.start(work, "agent", ENV, "run", "-c", config.toString())) {
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());

                write(shape.changingInterval("4ms").extraSink("blocked: {type: file, path: ./out/blocked.jsonl}"));
                AgentProcess.Result reload = reload(config);
                assertThat(reload.exitCode()).isEqualTo(1);
                assertThat(reload.stderr()).contains("reload rolled back (sources restarted: changing; sinks added: blocked)",
                        "sink blocked: cannot start: a file is in the way at ");
                Waits.logged(agent, "the previous config runs again", 1);
                assertThat(get("/metrics")).contains("ferry_config_reloads_total{result=\"rolled_back\"} 1.0",
                        "ferry_config_last_reload_successful 0.0");
                assertThat(get("/status")).doesNotContain("\"blocked\":").contains("\"changing\":{\"state\":\"UP\"");
                Waits.caughtUp(agent, received, broker.recorder(), Instant.now());
                Waits.stopCleanly(agent);
            }
            received.update(broker.recorder());
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            Completeness.assertDelivered(received, log, "cloud");
            FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
            assertUnbroken(log);
        }
    }

    private AgentProcess.Result reload(Path config) throws Exception {
        AgentProcess.Result result = AgentProcess.run(work, "reload", Duration.ofSeconds(60), ENV, "reload", "-c",
                config.toString());
        System.out.println("ferry reload: " + result.stdout() + result.stderr());
        return result;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }

    /** The source no reload touched counted on without a break: the same instance ran throughout. */
    private static void assertUnbroken(LoggedReadings log) {
        List<Long> counts = new ArrayList<>();
        for (String json : log.readings().values()) {
            Matcher value = STEADY_VALUE.matcher(json);
            if (value.find()) {
                counts.add(Long.parseLong(value.group(1)));
            }
        }
        assertThat(counts).as("readings of the unchanged source").hasSizeGreaterThan(100);
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i)).as("count after %d", counts.get(i - 1)).isEqualTo(counts.get(i - 1) + 1);
        }
    }
}
