package dev.ferry.testkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private RabbitMQ node: it takes MQTT clients, and once closed nothing of it is left. */
class RabbitMqBrokerTest {

    private static final Duration PROBE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aPrivateNodeTakesMqttClientsAndLeavesNoProcessPortOrFileBehind() throws Exception {
        RabbitMqBroker broker = RabbitMqBroker.start(dir);
        List<ProcessHandle> processes;
        try {
            assertThat(broker.nodeName()).matches("ferrytest-[0-9a-f]{8}@localhost");
            assertThat(broker.dir()).startsWith(dir).isDirectory();
            assertThat(MqttConnectProbe.accepts(broker.host(), broker.port(), "test-client", PROBE)).isTrue();
            assertThat(broker.log()).contains(broker.nodeName());
            processes = broker.processes();
            assertThat(processes).hasSizeGreaterThanOrEqualTo(3).allMatch(ProcessHandle::isAlive);
        } finally {
            broker.close();
        }

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.dir()).doesNotExist();
        assertThat(MqttConnectProbe.accepts(broker.host(), broker.port(), "test-client", PROBE)).isFalse();
        assertThat(bindable(broker.host(), broker.port())).isTrue();
        assertThat(bindable(broker.host(), broker.amqpPort())).isTrue();
    }

    private static boolean bindable(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
