package dev.ferry.it.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sub-devices pushing confirmable readings to an agent's CoAP ingress ({@link LibcoapDevice}, libcoap's client), and
 * what they saw: the readings each had acknowledged, the retransmissions each needed, the refusals they met. A
 * reading acknowledged must be in the file sink, by its origin ID.
 */
public final class CoapDeviceFleet {

    static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern ORIGIN_ID = Pattern.compile("\"origin_id\":\"([^\"]+)\"");

    private final List<LibcoapDevice> devices;

    private CoapDeviceFleet(List<LibcoapDevice> devices) {
        this.devices = devices;
    }

    /** {@code count} devices pushing to {@code coap://127.0.0.1:port/readings}, each on a thread of its own. */
    public static CoapDeviceFleet start(int port, int count, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        List<LibcoapDevice> devices = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            LibcoapDevice device = new LibcoapDevice("d" + i, "coap://127.0.0.1:" + port + "/readings", scratch);
            devices.add(device);
            Thread.ofPlatform().name("device-" + device.name()).daemon().start(device);
        }
        return new CoapDeviceFleet(devices);
    }

    public int size() {
        return devices.size();
    }

    /** Until each device has {@code more} readings acknowledged than now, while {@code agentAlive}. */
    public void awaitMore(int more, Supplier<Boolean> agentAlive, Supplier<String> log) {
        Map<String, Integer> before = new HashMap<>();
        devices.forEach(d -> before.put(d.name(), d.acknowledgedCount()));
        await().atMost(LIMIT).until(() -> !agentAlive.get() || devices.stream()
                .allMatch(d -> d.failure() != null || d.acknowledgedCount() >= before.get(d.name()) + more));
        assertThat(agentAlive.get()).as("agent alive; its log:%n%s", log.get()).isTrue();
        devices.forEach(d -> assertThat(d.failure()).as(d.name()).isNull());
    }

    /** Stops each device once the reading it is sending is acknowledged. */
    public void stop() {
        devices.forEach(LibcoapDevice::stop);
        await().atMost(LIMIT).until(() -> devices.stream().allMatch(d -> d.failure() != null || d.isDone()));
    }

    /** Stops each device from sending new readings, without waiting: for a run that failed. */
    public void abandon() {
        devices.forEach(LibcoapDevice::stop);
    }

    /** The readings a device had acknowledged that are not in {@code file}. */
    public Set<String> missingFrom(Path file) throws IOException {
        Set<String> missing = new HashSet<>(acknowledged());
        missing.removeAll(idsIn(file).keySet());
        return missing;
    }

    public Set<String> acknowledged() {
        Set<String> acknowledged = new HashSet<>();
        devices.forEach(d -> acknowledged.addAll(d.acknowledged()));
        return acknowledged;
    }

    /** Until every reading a device had acknowledged is in {@code file}. */
    public void awaitInFile(Path file) {
        Set<String> acknowledged = acknowledged();
        await().atMost(LIMIT).until(() -> idsIn(file).keySet().containsAll(acknowledged));
    }

    /**
     * What the devices saw, checked: every reading acknowledged is in {@code file} and nothing else is, no ICMP port
     * unreachable and no answer but 2.04, no reading given up on, at most one retransmission for any.
     *
     * @return the figures, as one line
     */
    public String assertNothingLostNoneRefused(Path file) throws IOException {
        Map<String, Integer> inFile = idsIn(file);
        Set<String> acknowledged = acknowledged();
        Map<String, Integer> retransmissions = new HashMap<>();
        List<String> refusals = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        int runs = 0;
        for (LibcoapDevice device : devices) {
            assertThat(device.failure()).as(device.name()).isNull();
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

        assertThat(missing).as("acknowledged readings missing from the file sink").isEmpty();
        assertThat(unknown).as("readings in the file sink that no device had acknowledged (all are, once stopped)")
                .isEmpty();
        assertThat(refusals).as("ICMP port unreachable, or an answer other than 2.04, seen by a device").isEmpty();
        assertThat(unanswered).as("readings a client gave up on, unanswered").isEmpty();
        assertThat(byRetransmissions.keySet()).as("retransmissions a reading needed: the hand-over is over within the"
                + " first retransmission timeout").allMatch(n -> n <= 1);
        return "%d readings acknowledged by %d devices in %d client runs, %d stored twice; readings by retransmissions"
                .formatted(acknowledged.size(), devices.size(), runs, twice) + " needed " + byRetransmissions
                + "; refusals " + refusals.size();
    }

    /** Each origin ID in a file sink's output, with how often it is there. */
    static Map<String, Integer> idsIn(Path file) throws IOException {
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
}
