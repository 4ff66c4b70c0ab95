package dev.ferry.it.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CoAP ingress handed over to a new process while devices push to it: four libcoap devices send confirmable
 * readings one after another, each with an ID of its own and again until acknowledged, and mid-stream the agent
 * hands its data directory over, to a successor it starts itself (SIGUSR2) or to a second agent started with
 * {@code --take-over}. Counted by ID at the file sink: every reading a device heard 2.04 for is there, and nothing
 * else. What the devices saw: no ICMP port unreachable and no refusal at all (the stopping agent keeps the port bound
 * until the new one listens), and no reading needed more than one retransmission. A request that reaches the old
 * agent after its source stopped goes unanswered and comes again after the device's retransmission timeout, so with
 * every device waiting on one such request the collection gap printed is about that timeout (2 to 3 s), not the
 * agents' own pause.
 */
class CoapHandOverTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int DEVICES = 4;
    /** Readings each device has acknowledged before the hand-over, and again after it, at least. */
    private static final int READINGS_EACH_SIDE = 10;
    private static final Pattern GAP = Pattern.compile("collection gap (\\d+) ms");
    private static final Pattern SUCCESSOR = Pattern.compile("this agent is pid (\\d+)");
    private static final Pattern KEPT = Pattern.compile("(?m)^(\\S+) INFO source devices: keeping UDP port");
    private static final Pattern HANDED = Pattern.compile("(?m)^(\\S+) INFO source devices: UDP port \\d+ handed over");

    @TempDir
    Path work;

    @Test
    void sigusr2HandsThePortOverWithoutRefusingADevice() throws Exception {
        int port = FreePorts.udp();
        Path config = writeConfig(port);
        ProcessHandle successor = null;
        try (AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
            awaitLogged(first::stderrText, first, "CoAP ingress listening on");
            CoapDeviceFleet devices = CoapDeviceFleet.start(port, DEVICES, work.resolve("devices"));
            try {
                devices.awaitMore(READINGS_EACH_SIDE, first::isAlive, first::stderrText);

                first.signal("USR2");

                // the successor writes to the same standard error as the agent that started it
                await().atMost(LIMIT).until(() -> first.stderrText().contains("took over the data directory"));
                assertThat(first.awaitExit(LIMIT)).as(first.stderrText()).isZero();
                Matcher pid = SUCCESSOR.matcher(first.stderrText());
                assertThat(pid.find()).as(first.stderrText()).isTrue();
                successor = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
                ProcessHandle running = successor;
                devices.awaitMore(READINGS_EACH_SIDE, running::isAlive, first::stderrText);
            } finally {
                devices.stop();
            }
            devices.awaitInFile(readings());
            successor.destroy();   // SIGTERM: a clean stop
            successor.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first.stderrText()).doesNotContain("\tat ");
            report("SIGUSR2", devices, first.stderrText(), first.stderrText());
        } finally {
            if (successor != null && successor.isAlive()) {
                successor.destroyForcibly();
            }
        }
    }

    @Test
    void aSecondAgentTakesThePortOverWithoutRefusingADevice() throws Exception {
        int port = FreePorts.udp();
        Path config = writeConfig(port);
        try (AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
            awaitLogged(first::stderrText, first, "CoAP ingress listening on");
            CoapDeviceFleet devices = CoapDeviceFleet.start(port, DEVICES, work.resolve("devices"));
            try (AgentProcess second = AgentProcess.start(work, "second", "run", "-c", config.toString(), "--take-over")) {
                try {
                    devices.awaitMore(READINGS_EACH_SIDE, first::isAlive, first::stderrText);
                    awaitLogged(second::stderrText, second, "waiting for the agent using");

                    assertThat(first.terminate(LIMIT)).as(first.stderrText()).isZero();

                    awaitLogged(second::stderrText, second, "took over the data directory");
                    devices.awaitMore(READINGS_EACH_SIDE, second::isAlive, second::stderrText);
                } finally {
                    devices.stop();
                }
                devices.awaitInFile(readings());
                assertThat(second.terminate(LIMIT)).as(second.stderrText()).isZero();
                assertThat(first.stderrText() + second.stderrText()).doesNotContain("\tat ");
                report("--take-over", devices, first.stderrText(), second.stderrText());
            }
        }
    }

    /** Plain CoAP (every device is 127.0.0.1 to the rate limit, so it is out of the way) into a file sink. */
    private Path writeConfig(int port) throws IOException {
        return Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: coap-gw, data_dir: ./data}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    insecure: {port: %d, tenant: lab}
                    rate_limit: {rate: 100000, burst: 100000}
                sinks:
                  files: {type: file, path: ./out/readings.jsonl}
                """.formatted(FreePorts.tcp(), port));
    }

    private Path readings() {
        return work.resolve("out/readings.jsonl");
    }

    /**
     * Counts what the devices saw and what reached the file, prints the figures, and checks them.
     *
     * @param stoppingLog the log of the agent that handed over
     * @param successorLog the log of the agent that took over (the same for SIGUSR2: one standard error)
     */
    private void report(String how, CoapDeviceFleet devices, String stoppingLog, String successorLog)
            throws IOException {
        String seen = devices.assertNothingLostNoneRefused(readings());
        Matcher gap = GAP.matcher(successorLog);
        String measured = gap.find() ? gap.group(1) : "?";
        Matcher kept = KEPT.matcher(stoppingLog);
        Matcher handed = HANDED.matcher(stoppingLog);
        String keptFor = kept.find() && handed.find()
                ? Long.toString(Duration.between(Instant.parse(kept.group(1)), Instant.parse(handed.group(1))).toMillis())
                : "?";
        System.out.printf("CoAP hand-over (%s): collection gap %s ms; port kept by the stopping agent for %s ms; %s%n",
                how, measured, keptFor, seen);
        assertThat(measured).as("the collection gap in the log:%n%s", successorLog).isNotEqualTo("?");
        assertThat(keptFor).as("the port kept, and taken by the new agent:%n%s", stoppingLog).isNotEqualTo("?");
    }

    private static void awaitLogged(Supplier<String> log, AgentProcess agent, String text) {
        await().atMost(LIMIT).until(() -> !agent.isAlive() || log.get().contains(text));
        assertThat(log.get()).as("agent log").contains(text);
    }
}
