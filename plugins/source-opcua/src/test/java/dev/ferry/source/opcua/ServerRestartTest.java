package dev.ferry.source.opcua;

import static dev.ferry.source.opcua.Configs.anonymous;
import static dev.ferry.source.opcua.Configs.polled;
import static dev.ferry.source.opcua.Configs.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.api.Value;
import dev.ferry.source.opcua.testserver.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedServerGetsTheSubscriptionAgainAndValuesFlow() throws Exception {
        TestServer server = TestServer.start(TestServer.freePort(), TestServer.Identity.generate(), Map.of(), List.of());
        try (Harness harness = new Harness(dataDir)) {
            harness.start(anonymous(server.endpoint(), List.of(
                    subscribed("ns=2;s=Counter", "counter"), polled("ns=2;s=Pump.Name", "name"))));
            server.startCounting(50);
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.readings("counter").size() >= 3
                    && !harness.readings("name").isEmpty());

            server.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.health().state() == HealthState.DEGRADED);
            assertThat(harness.health().reason()).contains("connection to " + server.endpoint() + " lost");
            long before = server.counter();
            int namesBefore = harness.readings("name").size();

            server = server.restart(before + 1000);
            server.startCounting(50);
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.health().state() == HealthState.UP
                    && harness.readings("counter").stream().anyMatch(r -> ((Value.Int) r.value()).value() > before + 1000));
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.readings("name").size() > namesBefore);
            assertThat(harness.healthHistory).extracting(h -> h.state())
                    .containsSubsequence(HealthState.UP, HealthState.DEGRADED, HealthState.UP);
        } finally {
            server.close();
        }
    }
}
