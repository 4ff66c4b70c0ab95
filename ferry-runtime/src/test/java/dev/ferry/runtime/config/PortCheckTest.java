package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.log.DurableLog;
import dev.ferry.log.LogOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry check} tries the ports the config will listen on, and names one another program holds; but not while
 * an agent runs on the config's data, as that agent holds them itself (a reload checks its config that way too).
 */
class PortCheckTest {

    @TempDir
    Path dir;

    private Path config(int port) throws Exception {
        return Files.writeString(dir.resolve("ferry.yaml"), """
                agent: {id: gw-01, data_dir: ./data}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  sim: {type: simulated}
                sinks:
                  out: {type: file, path: out.jsonl}
                """.formatted(port));
    }

    @Test
    void aPortAnotherProgramHoldsIsNamedAtItsKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = config(taken.getLocalPort());

            ConfigException refused = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.check(file, Map.of(), TestConfigs.registry()));

            assertThat(refused.getMessage()).isEqualTo(file + ":2: management.listen: TCP port " + taken.getLocalPort()
                    + " is already in use by another program; set management.listen to another port, or"
                    + " management.enabled: false");
            assertThat(ConfigLoader.load(file, Map.of(), TestConfigs.registry()).agentId())
                    .as("starting tries no port: the start itself says so").isEqualTo("gw-01");
        }
    }

    @Test
    void theAgentRunningOnTheDataHoldsItsOwnPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path file = config(taken.getLocalPort());
            try (DurableLog running = DurableLog.open(dir.resolve("data/log"), LogOptions.defaults(), "gw-01", Clock.systemUTC())) {
                assertThat(ConfigLoader.check(file, Map.of(), TestConfigs.registry()).agentId()).isEqualTo("gw-01");
            }
        }
    }
}
