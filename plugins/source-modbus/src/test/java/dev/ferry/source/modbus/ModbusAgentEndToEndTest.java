package dev.ferry.source.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.digitalpetri.modbus.ExceptionCode;
import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A real agent (config file, plugin registry, scheduler, durable log, file sink) reading digitalpetri's Modbus TCP
 * server, which counts each read in a register. Beside it read a unit the server ignores and a register it refuses,
 * and the server restarts in the middle.
 */
class ModbusAgentEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void readingsFlowContiguouslyThroughARestartWhileBadDevicesHarmNoOne() throws Exception {
        try (TestModbusServer server = TestModbusServer.startTcp()) {
            server.setRegisters(Table.HOLDING, 1, 0x4366, 0x199A);
            server.countReadsAt(0);
            server.refuse(Table.HOLDING, 500, 500, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            Path config = writeConfig(server.port());
            Agent agent = Agent.start(ConfigLoader.load(config, Map.of(), PluginRegistry.load(getClass().getClassLoader())),
                    Ticker.system());
            Path out = dir.resolve("out.jsonl");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> counts(out).size() >= 10);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Health silent = agent.health().health("source silent").orElseThrow();
                    assertThat(silent.state()).isEqualTo(HealthState.DEGRADED);
                    assertThat(silent.reason()).isEqualTo(
                            "read failed: no answer from unit 42 within 300ms reading holding registers 0..2 from unit 42");
                    Health broken = agent.health().health("source broken").orElseThrow();
                    assertThat(broken.state()).isEqualTo(HealthState.QUARANTINED);
                    assertThat(broken.reason()).isEqualTo("quarantined after 3 malformed reads in a row: "
                            + "ILLEGAL_DATA_ADDRESS (0x02) reading holding registers 500 from unit 1");
                });
                assertThat(agent.health().health("source meter").orElseThrow().state()).isEqualTo(HealthState.UP);

                server.stop();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Health meter = agent.health().health("source meter").orElseThrow();
                    assertThat(meter.state()).isEqualTo(HealthState.DEGRADED);
                    assertThat(meter.reason()).startsWith("read failed: ");
                });
                int beforeRestart = counts(out).size();
                server.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> counts(out).size() >= beforeRestart + 10);
                assertThat(agent.health().health("source meter").orElseThrow().state()).isEqualTo(HealthState.UP);
            } finally {
                agent.stop(Duration.ofSeconds(10));
            }

            List<Map<String, Object>> lines = lines(out);
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContainKey("gap"));
            Set<Object> ids = new HashSet<>();
            long firstSeq = ((Number) lines.getFirst().get("seq")).longValue();
            for (int i = 0; i < lines.size(); i++) {
                Map<String, Object> line = lines.get(i);
                assertThat(((Number) line.get("seq")).longValue()).as("seq of line %d", i).isEqualTo(firstSeq + i);
                assertThat(ids.add(line.get("id"))).as("id %s appears once", line.get("id")).isTrue();
                assertThat(line.get("source")).isEqualTo("meter");
            }
            List<Long> counts = counts(out);
            assertThat(counts).as("one count per read, strictly rising").isSorted().doesNotHaveDuplicates();
            assertThat(lines).filteredOn(l -> l.get("metric").equals("voltage"))
                    .hasSize(counts.size()).allSatisfy(l -> assertThat(l.get("value")).isEqualTo(230.1));
        }
    }

    private Path writeConfig(int port) throws IOException {
        String text = """
                agent:
                  id: e2e
                  data_dir: ./data
                sources:
                  meter:
                    type: modbus
                    interval: 100ms
                    timeout: 1s
                    tcp:
                      host: 127.0.0.1
                      port: %1$d
                    points:
                      - name: count
                        address: 0
                      - name: voltage
                        address: 1
                        type: float32
                        unit: V
                  silent:
                    type: modbus
                    interval: 100ms
                    timeout: 300ms
                    unit_id: 42
                    tcp:
                      host: 127.0.0.1
                      port: %1$d
                    points:
                      - name: count
                        address: 0
                      - name: voltage
                        address: 1
                        type: float32
                  broken:
                    type: modbus
                    interval: 100ms
                    malformed_threshold: 3
                    tcp:
                      host: 127.0.0.1
                      port: %1$d
                    points:
                      - name: missing
                        address: 500
                sinks:
                  out:
                    type: file
                    path: ./out.jsonl
                """.formatted(port);
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, text);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        Load json = new Load(LoadSettings.builder().build());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (line.endsWith("}")) {
                lines.add((Map<String, Object>) json.loadFromString(line));
            }
        }
        return lines;
    }

    private static List<Long> counts(Path out) throws IOException {
        return lines(out).stream().filter(l -> l.get("metric").equals("count"))
                .map(l -> ((Number) l.get("value")).longValue()).toList();
    }
}
