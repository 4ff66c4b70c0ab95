package dev.ferry.source.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.time.Ticker;
import dev.ferry.source.opcua.testserver.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole agent: this source subscribed to a counter, the durable log, a file sink; the server restarts midway. */
class AgentEndToEndTest {

    private static final Pattern LINE = Pattern.compile("\"seq\":(\\d+).*\"metric\":\"counter\",\"value\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void countsArriveOnceInOrderAcrossAServerRestart() throws Exception {
        TestServer server = TestServer.start(TestServer.freePort(), TestServer.Identity.generate(), Map.of(), List.of());
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                agent:
                  id: gw-e2e
                  data_dir: ./data
                sources:
                  plant:
                    type: opcua
                    endpoint: %s
                    publishing_interval: 100ms
                    items:
                      - node: ns=2;s=Counter
                        metric: counter
                        sampling_interval: 20ms
                        queue_size: 100
                sinks:
                  out:
                    type: file
                    path: out.jsonl
                    fsync: false
                """.formatted(server.endpoint()));
        LoadedConfig loaded = ConfigLoader.load(config, Map.of(), PluginRegistry.load(getClass().getClassLoader()));
        Agent agent = Agent.start(loaded, Ticker.system());
        Path out = dir.resolve("out.jsonl");
        try {
            server.startCounting(20);
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(out).size() >= 20);

            server.close();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    agent.health().health("source plant").orElseThrow().state() == HealthState.DEGRADED);
            long restartAt = server.counter() + 1000;
            server = server.restart(restartAt);
            server.startCounting(20);
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(out).stream().filter(l -> l[1] > restartAt + 20).count() >= 5);
        } finally {
            agent.stop(Duration.ofSeconds(10));
            server.close();
        }

        List<long[]> lines = lines(out);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)[0]).as("seq after %d", lines.get(i - 1)[0]).isEqualTo(lines.get(i - 1)[0] + 1);
        }
        List<Long> values = lines.stream().map(l -> l[1]).toList();
        assertThat(values).doesNotHaveDuplicates();
        assertThat(values.stream().filter(v -> v > 1000).toList()).isNotEmpty().isSorted();
    }

    /** {seq, counter value} of every counter line written so far. */
    private static List<long[]> lines(Path out) throws Exception {
        List<long[]> lines = new ArrayList<>();
        if (!Files.exists(out)) {
            return lines;
        }
        for (String line : Files.readAllLines(out)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                lines.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return lines;
    }
}
