package dev.ferry.source.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.serial.PtyPair;
import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.plugin.PluginRegistry;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole agent: the serial source on a pseudo-terminal, the durable log, a file sink; the device is unplugged midway. */
class SerialToFileEndToEndTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern FRAME = Pattern.compile("\"metric\":\"frame\",\"value\":(\\d+)");
    private static final String SOURCE = "source climate";

    @TempDir
    Path dir;

    @Test
    void everyFrameSentWhilePluggedInReachesTheFileOnceWithContiguousSequenceNumbers() throws Exception {
        Path config = dir.resolve("ferry.yaml");
        Files.writeString(config, """
                agent:
                  id: gw-e2e
                  data_dir: ./data
                sources:
                  climate:
                    type: serial
                    port: ./dev
                    baud: 9600
                    fields:
                      - {key: N, metric: frame, type: integer}
                      - {key: T, metric: temperature, unit: Cel}
                sinks:
                  archive:
                    type: file
                    path: ./out/readings.jsonl
                    fsync: false
                """);
        Path out = dir.resolve("out/readings.jsonl");
        LoadedConfig loaded = ConfigLoader.load(config, Map.of(), PluginRegistry.load(getClass().getClassLoader()));
        try (PtyPair device = PtyPair.start(dir)) {
            Agent agent = Agent.start(loaded, Ticker.system());
            try {
                send(device, 1, 150);
                await().atMost(Duration.ofSeconds(30)).until(() -> frames(out).contains(150L));

                device.unplug();
                await().atMost(Duration.ofSeconds(30)).until(() -> health(agent).state() == HealthState.DEGRADED);
                assertThat(health(agent).reason()).contains("dev");

                device.plug();
                send(device, 151, 300);
                await().atMost(Duration.ofSeconds(60)).until(() -> frames(out).contains(300L));
                assertThat(health(agent).state()).isEqualTo(HealthState.UP);
            } finally {
                agent.stop(Duration.ofSeconds(10));
            }
        }

        List<String> lines = Files.readAllLines(out);
        assertThat(frames(out)).containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
        List<Long> seqs = lines.stream().map(line -> number(SEQ, line)).toList();
        assertThat(seqs).hasSize(600);
        assertThat(seqs).isEqualTo(LongStream.range(seqs.getFirst(), seqs.getFirst() + 600).boxed().toList());
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            Matcher id = ID.matcher(line);
            assertThat(id.find()).isTrue();
            assertThat(ids.add(id.group(1))).as("id %s written once", id.group(1)).isTrue();
        }
    }

    private static Health health(Agent agent) {
        return agent.health().health(SOURCE).orElseThrow();
    }

    private static void send(PtyPair device, int first, int last) {
        StringBuilder frames = new StringBuilder();
        for (int n = first; n <= last; n++) {
            frames.append("N=").append(n).append(",T=").append(15 + n % 10).append(".25\n");
        }
        device.write(frames.toString());
    }

    private static List<Long> frames(Path file) throws IOException {
        List<Long> frames = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = FRAME.matcher(line);
                if (m.find()) {
                    frames.add(Long.parseLong(m.group(1)));
                }
            }
        }
        return frames;
    }

    private static long number(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        assertThat(m.find()).as("%s in %s", pattern, line).isTrue();
        return Long.parseLong(m.group(1));
    }
}
