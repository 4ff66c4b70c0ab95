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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Pattern ORIGIN_ID = Pattern.compile("\"origin_id\":\"([^\"]+)\"");

    @TempDir
    Path work;

    @Test
    void sigusr2HandsThePortOverWithoutRefusingADevice() throws Exception {
        int port = FreePorts.udp();
        Path config = writeConfig(port);
        ProcessHandle successor = null;
        try (AgentProcess first = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
            awaitLogged(first::stderrText, first, "CoAP ingress listening on");
            List<LibcoapDevice> devices = startDevices(port);
            try {
                awaitEach(devices, READINGS_EACH_SIDE, first);

                first.signal("USR2");

                // the successor writes to the same standard error as the agent that started it
                await().atMost(LIMIT).until(() -> first.stderrText().contains("took over the data directory"));
                assertThat(first.awaitExit(LIMIT)).as(first.stderrText()).isZero();
                Matcher pid = SUCCESSOR.matcher(first.stderrText());
                assertThat(pid.find()).as(first.stderrText()).isTrue();
                successor = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
                ProcessHandle running = successor;
                awaitMore(devices, READINGS_EACH_SIDE, () -> running.isAlive(), first::stderrText);
            } finally {
                stopDevices(devices);
            }
            awaitInFile(devices, first::stderrText);
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
            List<LibcoapDevice> devices = startDevices(port);
            try (AgentProcess second = AgentProcess.start(work, "second", "run", "-c", config.toString(), "--take-over")) {
                try {
                    awaitEach(devices, READINGS_EACH_SIDE, first);
                    awaitLogged(second::stderrText, second, "waiting for the agent using");

                    assertThat(first.terminate(LIMIT)).as(first.stderrText()).isZero();

                    awaitLogged(second::stderrText, second, "took over the data directory");
                    awaitMore(devices, READINGS_EACH_SIDE, second::isAlive, second::stderrText);
                } finally {
                    stopDevices(devices);
                }
                awaitInFile(devices, second::stderrText);
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

    private List<LibcoapDevice> startDevices(int port) throws IOException {
        Path scratch = Files.createDirectories(work.resolve("devices"));
        List<LibcoapDevice> devices = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            LibcoapDevice device = new LibcoapDevice("d" + i, "coap://127.0.0.1:" + port + "/readings", scratch);
            devices.add(device);
            Thread.ofPlatform().name("device-" + device.name()).daemon().start(device);
        }
        return devices;
    }

    private static void awaitEach(List<LibcoapDevice> devices, int readings, AgentProcess agent) {
        await().atMost(LIMIT).until(() -> !agent.isAlive() || devices.stream()
                .allMatch(d -> d.failure() != null || d.acknowledgedCount() >= readings));
        assertThat(agent.isAlive()).as("agent alive; its log:%n%s", agent.stderrText()).isTrue();
        devices.forEach(d -> assertThat(d.failure()).as(d.name()).isNull());
    }

    /** Until each device has {@code more} readings acknowledged than now. */
    private static void awaitMore(List<LibcoapDevice> devices, int more, Supplier<Boolean> agentAlive, Supplier<String> log) {
        Map<String, Integer> before = new HashMap<>();
        devices.forEach(d -> before.put(d.name(), d.acknowledgedCount()));
        await().atMost(LIMIT).until(() -> !agentAlive.get() || devices.stream()
                .allMatch(d -> d.failure() != null || d.acknowledgedCount() >= before.get(d.name()) + more));
        assertThat(agentAlive.get()).as("agent alive; its log:%n%s", log.get()).isTrue();
        devices.forEach(d -> assertThat(d.failure()).as(d.name()).isNull());
    }

    /** Stops each device once the reading it is sending is acknowledged. */
    private static void stopDevices(List<LibcoapDevice> devices) {
        devices.forEach(LibcoapDevice::stop);
        await().atMost(LIMIT).until(() -> devices.stream().allMatch(d -> d.failure() != null || d.isDone()));
    }

    private void awaitInFile(List<LibcoapDevice> devices, Supplier<String> log) {
        Set<String> acknowledged = new HashSet<>();
        devices.forEach(d -> acknowledged.addAll(d.acknowledged()));
        await().atMost(LIMIT).until(() -> idsInFile().keySet().containsAll(acknowledged));
    }

    /** Each origin ID in the file sink's output, with how often it is there. */
    private Map<String, Integer> idsInFile() throws IOException {
        Path file = work.resolve("out/readings.jsonl");
        Map<String, Integer> ids = new TreeMap<>();
        if (!Files.exists(file)) {
            return ids;
        }
        for (String line : Files.readAllLines(file)) {
            Matcher id = ORIGIN_ID.matcher(line);
            if (id.find()) {
                ids.merge(id.group(1), 1, Integer::sum);
            }
        }
        return ids;
    }

    /**
     * Counts what the devices saw and what reached the file, prints the figures, and checks them.
     *
     * @param stoppingLog the log of the agent that handed over
     * @param successorLog the log of the agent that took over (the same for SIGUSR2: one standard error)
     */
    private void report(String how, List<LibcoapDevice> devices, String stoppingLog, String successorLog)
            throws IOException {
        Map<String, Integer> inFile = idsInFile();
        Set<String> acknowledged = new HashSet<>();
        Map<String, Integer> retransmissions = new HashMap<>();
        List<String> refusals = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        int runs = 0;
        for (LibcoapDevice device : devices) {
            assertThat(device.failure()).as(device.name()).isNull();
            acknowledged.addAll(device.acknowledged());
            retransmissions.putAll(device.retransmissions());
            refusals.addAll(device.refusals());
            unanswered.addAll(device.unanswered());
            runs += device.runs();
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(inFile.keySet());
        Set<String> unknown = new HashSet<>(inFile.keySet());
        unknown.removeAll(acknowledged);
        long twice = inFile.values().stream().filter(n -> n > 1).count();
        Map<Integer, Long> byRetransmissions = new TreeMap<>();
        retransmissions.values().forEach(n -> byRetransmissions.merge(n, 1L, Long::sum));
        Matcher gap = GAP.matcher(successorLog);
        String measured = gap.find() ? gap.group(1) : "?";
        Matcher kept = KEPT.matcher(stoppingLog);
        Matcher handed = HANDED.matcher(stoppingLog);
        String keptFor = kept.find() && handed.find()
                ? Long.toString(Duration.between(Instant.parse(kept.group(1)), Instant.parse(handed.group(1))).toMillis())
                : "?";
        System.out.printf("CoAP hand-over (%s): collection gap %s ms; port kept by the stopping agent for %s ms; %d"
                + " readings acknowledged by %d devices in %d client runs, %d stored twice; readings by retransmissions"
                + " needed %s; refusals %d%n", how, measured, keptFor, acknowledged.size(), devices.size(), runs, twice,
                byRetransmissions, refusals.size());

        assertThat(missing).as("acknowledged readings missing from the file sink").isEmpty();
        assertThat(unknown).as("readings in the file sink that no device had acknowledged (all are, once stopped)")
                .isEmpty();
        assertThat(refusals).as("ICMP port unreachable, or an answer other than 2.04, seen by a device").isEmpty();
        assertThat(unanswered).as("readings a client gave up on, unanswered").isEmpty();
        assertThat(byRetransmissions.keySet()).as("retransmissions a reading needed: the hand-over is over within the"
                + " first retransmission timeout").allMatch(n -> n <= 1);
        assertThat(measured).as("the collection gap in the log:%n%s", successorLog).isNotEqualTo("?");
        assertThat(keptFor).as("the port kept, and taken by the new agent:%n%s", stoppingLog).isNotEqualTo("?");
    }

    private static void awaitLogged(Supplier<String> log, AgentProcess agent, String text) {
        await().atMost(LIMIT).until(() -> !agent.isAlive() || log.get().contains(text));
        assertThat(log.get()).as("agent log").contains(text);
    }
}
