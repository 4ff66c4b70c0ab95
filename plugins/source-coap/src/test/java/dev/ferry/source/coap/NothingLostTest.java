package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.StoredReading;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.testkit.net.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices keep pushing numbered readings, each retrying until it hears 2.04 as a real device would, while the agent
 * is stopped and a new one started on the same data directory. Every reading a device was told is stored is in the
 * log; a reading appears more than once only as a re-delivery carrying the same device-side sequence number.
 */
class NothingLostTest {

    private static final int DEVICES = 3;
    private static final int READINGS = 60;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedReadingIsInTheLogAcrossAnAgentRestart() throws Exception {
        int port = FreePorts.udp();
        StringBuilder psk = new StringBuilder();
        for (int d = 0; d < DEVICES; d++) {
            psk.append("      - {identity: dev-").append(d).append(", key: key-").append(d).append(", tenant: acme}\n");
        }
        String yaml = """
                agent:
                  id: gw-restart
                  data_dir: ./data
                sources:
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    port: %d
                    rate_limit: {rate: 1000, burst: 1000}
                    psk_devices:
                %s
                sinks:
                  out:
                    type: file
                    path: out.jsonl
                    fsync: false
                """.formatted(port, psk.toString().stripTrailing());
        Map<String, Set<Integer>> acknowledged = new ConcurrentHashMap<>();
        List<Thread> devices = new ArrayList<>();
        Agent first = Agents.start(dir, yaml);
        for (int d = 0; d < DEVICES; d++) {
            String name = "dev-" + d;
            Set<Integer> acked = acknowledged.computeIfAbsent(name, k -> new ConcurrentSkipListSet<>());
            devices.add(Thread.ofVirtual().name(name).start(() -> push(name, "key-" + name.substring(4), port, acked)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.values().stream().allMatch(s -> s.size() >= 15));
        first.stop(Duration.ofSeconds(10));
        int acknowledgedBeforeRestart = acknowledged.values().stream().mapToInt(Set::size).sum();

        Agent second = Agents.start(dir, yaml);
        try {
            for (Thread device : devices) {
                device.join(Duration.ofSeconds(120));
                assertThat(device.isAlive()).as("%s finished", device.getName()).isFalse();
            }
        } finally {
            second.stop(Duration.ofSeconds(10));
        }

        Map<String, Map<Integer, Integer>> stored = new TreeMap<>();
        for (StoredReading r : Agents.readingsIn(Agents.load(dir.resolve("ferry.yaml")).logDir())) {
            stored.computeIfAbsent(r.reading().tags().get("device"), k -> new TreeMap<>())
                    .merge(Integer.parseInt(r.reading().tags().get("seq")), 1, Integer::sum);
        }
        Set<Integer> all = new TreeSet<>();
        for (int n = 1; n <= READINGS; n++) {
            all.add(n);
        }
        assertThat(acknowledgedBeforeRestart).isLessThan(DEVICES * READINGS);
        for (int d = 0; d < DEVICES; d++) {
            String name = "dev-" + d;
            assertThat(acknowledged.get(name)).as("%s was told every reading is stored", name).isEqualTo(all);
            assertThat(stored.get(name).keySet()).as("%s: the log holds every acknowledged reading, nothing else", name)
                    .isEqualTo(all);
        }
        String duplicates = stored.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                .filter(s -> s.getValue() > 1).map(s -> e.getKey() + "#" + s.getKey() + "x" + s.getValue()))
                .collect(Collectors.joining(", "));
        System.out.println("re-deliveries stored twice or more (same seq): " + (duplicates.isEmpty() ? "none" : duplicates));
    }

    /** A device: sends readings 1..READINGS in order, each until it hears 2.04, starting a new session after silence. */
    private static void push(String name, String key, int port, Set<Integer> acked) {
        try (CfDevice device = CfDevice.psk(name, key)) {
            for (int seq = 1; seq <= READINGS; seq++) {
                while (true) {
                    Request request = Request.newPost();
                    request.setURI("coaps://127.0.0.1:" + port + "/readings");
                    request.getOptions().setContentFormat(50);
                    request.setPayload(("[{\"metric\":\"count\",\"value\":" + seq + ",\"tags\":{\"seq\":\"" + seq + "\"}}]")
                            .getBytes(StandardCharsets.UTF_8));
                    CfDevice.Outcome outcome = device.send(request, 3000);
                    if (outcome.code().equals("2.04")) {
                        acked.add(seq);
                        break;
                    }
                    if (outcome.response() == null) {
                        device.forgetSession(); // the gateway may have restarted and lost the session
                    }
                    Thread.sleep(50);
                }
            }
        } catch (Exception e) {
            throw new AssertionError(name + " failed", e);
        }
    }
}
