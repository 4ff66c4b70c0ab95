package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.StoredReading;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.testkit.net.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many DTLS devices pushing at once into a whole agent with its fsync'd log: every request is answered 2.04 and
 * every reading is stored once, tagged with its own device. Prints the rate reached (not asserted).
 */
class ConcurrencyTest {

    private static final int DEVICES = 8;
    private static final int REQUESTS = 100;
    private static final int READINGS_PER_REQUEST = 10;

    @TempDir
    Path dir;

    @Test
    void devicesPushingAtOnceAreAllStoredOnceEach() throws Exception {
        int port = FreePorts.udp();
        StringBuilder psk = new StringBuilder();
        for (int d = 0; d < DEVICES; d++) {
            psk.append("      - {identity: dev-").append(d).append(", key: key-").append(d).append(", tenant: t")
                    .append(d % 2).append("}\n");
        }
        Agent agent = Agents.start(dir, """
                agent:
                  id: gw-busy
                  data_dir: ./data
                sources:
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    port: %d
                    rate_limit: {rate: 10000, burst: 10000}
                    psk_devices:
                %s
                sinks:
                  out:
                    type: file
                    path: out.jsonl
                    fsync: false
                """.formatted(port, psk.toString().stripTrailing()));
        Map<String, List<String>> codes = new ConcurrentHashMap<>();
        long started;
        long elapsed;
        try {
            List<Thread> devices = new ArrayList<>();
            started = System.nanoTime();
            for (int d = 0; d < DEVICES; d++) {
                String name = "dev-" + d;
                String key = "key-" + d;
                devices.add(Thread.ofVirtual().start(() -> codes.put(name, push(name, key, port))));
            }
            for (Thread device : devices) {
                device.join(Duration.ofSeconds(120));
            }
            elapsed = System.nanoTime() - started;
        } finally {
            agent.stop(Duration.ofSeconds(10));
        }

        assertThat(codes).hasSize(DEVICES);
        assertThat(codes.values()).allSatisfy(list -> assertThat(list).hasSize(REQUESTS).containsOnly("2.04"));
        Map<String, Integer> perDevice = new HashMap<>();
        for (StoredReading r : Agents.readingsIn(Agents.load(dir.resolve("ferry.yaml")).logDir())) {
            String device = r.reading().tags().get("device");
            assertThat(r.reading().metric()).startsWith(device + "/");
            assertThat(r.reading().tags().get("tenant")).isEqualTo("t" + Integer.parseInt(device.substring(4)) % 2);
            perDevice.merge(device, 1, Integer::sum);
        }
        assertThat(perDevice).hasSize(DEVICES).allSatisfy((device, n) -> assertThat(n).isEqualTo(REQUESTS * READINGS_PER_REQUEST));
        double seconds = elapsed / 1e9;
        System.out.printf("ingress: %d devices, %d requests, %d readings in %.2f s: %.0f requests/s, %.0f readings/s%n",
                DEVICES, DEVICES * REQUESTS, DEVICES * REQUESTS * READINGS_PER_REQUEST, seconds,
                DEVICES * REQUESTS / seconds, DEVICES * REQUESTS * READINGS_PER_REQUEST / seconds);
    }

    private static List<String> push(String name, String key, int port) {
        List<String> codes = new ArrayList<>();
        try (CfDevice device = CfDevice.psk(name, key)) {
            for (int i = 0; i < REQUESTS; i++) {
                StringBuilder pack = new StringBuilder("[{\"bn\":\"" + name + "/\",\"bt\":" + (1767225600 + i) + "}");
                for (int r = 0; r < READINGS_PER_REQUEST; r++) {
                    pack.append(",{\"n\":\"r").append(r).append("\",\"v\":").append(i * READINGS_PER_REQUEST + r).append('}');
                }
                codes.add(device.post("coaps://127.0.0.1:" + port + "/readings", 110, pack.append(']').toString()).code());
            }
        } catch (Exception e) {
            codes.add(e.toString());
        }
        return codes;
    }
}
