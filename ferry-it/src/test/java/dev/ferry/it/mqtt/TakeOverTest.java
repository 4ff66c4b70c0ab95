package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.net.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second agent takes over the data directory of a running one ({@code ferry run --take-over}) while four simulated
 * sources produce 1,000 readings a second into a file sink and an MQTT sink to a real Mosquitto: it loads and checks
 * everything, waits, and starts the moment the first has stopped and let go. Counted by ID at both sinks against the
 * log: nothing the first agent stored is lost, nothing arrives twice under two IDs; the collection gap is logged. The
 * same when the running agent is sent SIGUSR2 and starts its successor itself.
 */
class TakeOverTest {

    private static final String AGENT = "takeover-gw";
    private static final Pattern GAP = Pattern.compile("collection gap (\\d+) ms");
    private static final Pattern SUCCESSOR = Pattern.compile("this agent is pid (\\d+)");

    @TempDir
    Path work;

    @Test
    void aSecondAgentTakesOverTheDataDirectoryAndNoReadingIsLost() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = writeLoadConfig(broker);
            ReceivedReadings received = new ReceivedReadings(AGENT);
            String gap;
            int arrivedFromTheFirst;
            try (AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
                Waits.logged(first, "management endpoint on", 1);
                await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).distinct() >= 3_000);

                try (AgentProcess second = AgentProcess.start(work, "second", "run", "-c", config.toString(), "--take-over")) {
                    Waits.logged(second, "waiting for the agent using", 1);
                    assertThat(second.stderrText()).as("nothing started while the first runs").doesNotContain("UP");
                    Waits.stopCleanly(first);
                    arrivedFromTheFirst = received.update(broker.recorder()).distinct();
                    Waits.logged(second, "took over the data directory: collection gap", 1);
                    Waits.logged(second, "management endpoint on", 1);
                    Waits.caughtUp(second, received, broker.recorder(), Instant.now());
                    Waits.stopCleanly(second);
                    Matcher measured = GAP.matcher(second.stderrText());
                    assertThat(measured.find()).isTrue();
                    gap = measured.group(1);
                }
            }
            received.update(broker.recorder());
            LoggedReadings log = LoggedReadings.read(work.resolve("data"));
            long delivered = Completeness.assertDelivered(received, log, "cloud");
            FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
            assertThat(delivered).as("the second agent's readings delivered too").isGreaterThan(arrivedFromTheFirst);
            System.out.printf("take-over: collection gap %s ms; %d readings delivered across it%n", gap, delivered);
        }
    }

    @Test
    void aTakeOverThatWaitsInVainEndsWithTheReasonAndLeavesTheRunningAgentAlone() throws Exception {
        Path config = writeFileSinkConfig(true);
        try (AgentProcess running = AgentProcess.start(work, "running", "run", "-c", config.toString())) {
            Waits.logged(running, "management endpoint on", 1);

            AgentProcess.Result impatient = AgentProcess.run(work, "impatient", Waits.LIMIT, "run", "-c", config.toString(),
                    "--take-over", "--take-over-wait", "1s");

            assertThat(impatient.exitCode()).isEqualTo(1);
            assertThat(impatient.stderr()).contains("did not let go of it within 1s").doesNotContain("\tat ");
            assertThat(running.isAlive()).isTrue();
            Waits.stopCleanly(running);
        }
    }

    @Test
    void sigusr2StartsASuccessorThatTakesOverAndNoReadingIsLost() throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(MosquittoBroker.builder(work.resolve("broker")))) {
            Path config = writeLoadConfig(broker);
            ReceivedReadings received = new ReceivedReadings(AGENT);
            ProcessHandle successor = null;
            try (AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
                Waits.logged(first, "management endpoint on", 1);
                await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).distinct() >= 3_000);

                first.signal("USR2");

                // the successor writes to the same standard error as the agent that started it
                await().atMost(Waits.LIMIT).until(() -> first.stderrText().contains("took over the data directory"));
                assertThat(first.awaitExit(Waits.LIMIT)).as(first.stderrText()).isZero();
                Matcher pid = SUCCESSOR.matcher(first.stderrText());
                assertThat(pid.find()).as(first.stderrText()).isTrue();
                successor = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
                int arrivedFromTheFirst = received.update(broker.recorder()).distinct();
                Instant mark = Instant.now();
                await().atMost(Waits.LIMIT).until(() -> received.update(broker.recorder()).caughtUpWith(mark));

                successor.destroy();   // SIGTERM: a clean stop
                successor.onExit().get(Waits.LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(first.stderrText()).doesNotContain("\tat ").contains("SIGUSR2: started a successor");
                received.update(broker.recorder());
                LoggedReadings log = LoggedReadings.read(work.resolve("data"));
                long delivered = Completeness.assertDelivered(received, log, "cloud");
                FileSinkCompleteness.assertComplete(log, "files", work.resolve("out/readings.jsonl"));
                assertThat(delivered).as("the successor's readings delivered too").isGreaterThan(arrivedFromTheFirst);
                Matcher gap = GAP.matcher(first.stderrText());
                assertThat(gap.find()).isTrue();
                System.out.printf("SIGUSR2 hand-over: collection gap %s ms; %d readings delivered across it%n", gap.group(1),
                        delivered);
            } finally {
                if (successor != null && successor.isAlive()) {
                    successor.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aSuccessorThatCannotStartLeavesTheRunningAgentRunning() throws Exception {
        Path config = writeFileSinkConfig(false);
        try (AgentProcess running = AgentProcess.start(work, "running", "run", "-c", config.toString())) {
            Waits.logged(running, "management endpoint on", 1);
            Files.writeString(config, Files.readString(config).replace("interval: 10ms", "interval: often"));

            running.signal("USR2");

            Waits.logged(running, "before it was ready; this agent runs on", 1);
            long before = Files.lines(work.resolve("out/readings.jsonl")).count();
            await().atMost(Waits.LIMIT).until(() -> Files.lines(work.resolve("out/readings.jsonl")).count() > before + 10);
            assertThat(running.stderrText()).as("the successor's check, on the same standard error")
                    .contains("sources.a.interval").doesNotContain("\tat ");
            Waits.stopCleanly(running);
        }
    }

    /** One source at 100 readings a second into a file sink. */
    private Path writeFileSinkConfig(boolean watchConfig) throws java.io.IOException {
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: %s, data_dir: ./data, watch_config: %s}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  a: {type: simulated, interval: 10ms}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                """.formatted(AGENT, watchConfig, FreePorts.tcp()));
    }

    private Path writeLoadConfig(ProxiedBroker broker) throws java.io.IOException {
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: %s, data_dir: ./data}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  a: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                  b: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                  c: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                  d: {type: simulated, interval: 4ms, signals: [{name: count, shape: counter}]}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                  cloud: {type: mqtt, url: "%s", retry_initial: 200ms, retry_max: 1s}
                """.formatted(AGENT, FreePorts.tcp(), broker.url()));
    }
}
