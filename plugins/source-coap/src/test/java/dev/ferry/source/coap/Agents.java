package dev.ferry.source.coap;

import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.log.LogInspector;
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
import java.util.List;
import java.util.Map;

/** Whole agents for end-to-end tests: config written to a file, loaded with the real plugins, started for real. */
final class Agents {

    private Agents() {}

    /** Writes {@code yaml} to {@code dir/ferry.yaml}, starts an agent on it and waits until source {@code devices} is UP. */
    static Agent start(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, yaml);
        Agent agent = Agent.start(load(file), Ticker.system());
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.health().health("source devices")
                .map(h -> h.state() == HealthState.UP).orElse(false));
        return agent;
    }

    static LoadedConfig load(Path file) throws Exception {
        return ConfigLoader.load(file, Map.of(), PluginRegistry.load(Agents.class.getClassLoader()));
    }

    /** Every reading in a closed log, in log order. */
    static List<StoredReading> readingsIn(Path logDir) throws IOException {
        List<StoredReading> readings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        LogInspector.open(logDir).dump(0, Long.MAX_VALUE, (LogEntry entry) -> {
            if (entry instanceof StoredReading stored) {
                readings.add(stored);
            }
        }, problems::add);
        if (!problems.isEmpty()) {
            throw new AssertionError("the log has problems: " + problems);
        }
        return readings;
    }
}
