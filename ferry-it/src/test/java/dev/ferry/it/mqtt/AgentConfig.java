package dev.ferry.it.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML config of an agent under test: one simulated source producing a counter every {@code interval}
 * (200 readings a second by default) into the log under {@code ./data}, and MQTT sinks. A sink retries quickly
 * unless told otherwise, so outages heal within a test's patience.
 */
final class AgentConfig {

    private final String agentId;
    private String interval = "5ms";
    private int managementPort = -1;
    private final List<String> sinks = new ArrayList<>();

    private AgentConfig(String agentId) {
        this.agentId = agentId;
    }

    static AgentConfig agent(String agentId) {
        return new AgentConfig(agentId);
    }

    AgentConfig interval(String every) {
        interval = every;
        return this;
    }

    /** The management endpoint on this loopback port; without it, the agent runs without one. */
    AgentConfig management(int port) {
        managementPort = port;
        return this;
    }

    /**
     * An MQTT sink; each of {@code keys} is one YAML line of the sink's section, nested lines indented by two
     * spaces, e.g. {@code "tls:", "  ca: /path/ca.crt"}.
     */
    AgentConfig mqttSink(String name, String url, String... keys) {
        StringBuilder sink = new StringBuilder("  " + name + ":\n    type: mqtt\n    url: " + url + "\n");
        List<String> lines = new ArrayList<>(List.of(keys));
        if (lines.stream().noneMatch(line -> line.startsWith("retry_initial:"))) {
            lines.add("retry_initial: 200ms");
        }
        if (lines.stream().noneMatch(line -> line.startsWith("retry_max:"))) {
            lines.add("retry_max: 1s");
        }
        for (String line : lines) {
            sink.append("    ").append(line).append('\n');
        }
        sinks.add(sink.toString());
        return this;
    }

    String yaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("agent:\n  id: ").append(agentId).append("\n  data_dir: ./data\n");
        yaml.append(managementPort < 0 ? "management: {enabled: false}\n"
                : "management: {listen: \"127.0.0.1:" + managementPort + "\"}\n");
        yaml.append("sources:\n  sim:\n    type: simulated\n    interval: ").append(interval)
                .append("\n    signals:\n      - {name: count, shape: counter}\n");
        yaml.append("sinks:\n");
        sinks.forEach(yaml::append);
        return yaml.toString();
    }

    /** Writes {@code ferry.yaml} into {@code dir} and returns its path. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("ferry.yaml"), yaml());
    }

    /** A path as a YAML value. */
    static String quoted(Path path) {
        return "\"" + path.toAbsolutePath() + "\"";
    }
}
