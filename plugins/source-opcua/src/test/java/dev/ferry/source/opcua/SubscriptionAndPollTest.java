package dev.ferry.source.opcua;

import static dev.ferry.source.opcua.Configs.anonymous;
import static dev.ferry.source.opcua.Configs.deadband;
import static dev.ferry.source.opcua.Configs.polled;
import static dev.ferry.source.opcua.Configs.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.source.opcua.testserver.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionAndPollTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private Harness harness;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(TestServer.freePort(), TestServer.Identity.generate(), Map.of(), List.of());
        harness = new Harness(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        server.close();
    }

    @Test
    void subscribedItemsDeliverChangesAndPolledItemsAreRead() throws Exception {
        harness.start(anonymous(server.endpoint(), List.of(
                subscribed("ns=2;s=Boiler.Temperature", "temperature"),
                subscribed("ns=2;s=Counter", "counter"),
                polled("ns=2;i=1001", "pressure"),
                polled("ns=2;s=Pump.Speed", "speed"),
                polled("ns=2;s=Pump.Running", "running"),
                polled("ns=2;s=Pump.Name", "name"))));

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.health().state() == HealthState.UP
                && !harness.readings("temperature").isEmpty());
        assertThat(harness.readings("temperature").getFirst().value()).isEqualTo(Value.of(21.5));
        assertThat(harness.readings("temperature").getFirst().source()).isEqualTo(Harness.NAME);

        server.set("Boiler.Temperature", 22.25);
        server.startCounting(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.readings("temperature").stream()
                .anyMatch(r -> r.value().equals(Value.of(22.25))));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.readings("counter").size() >= 5);
        List<Long> counts = harness.readings("counter").stream().map(r -> ((Value.Int) r.value()).value()).toList();
        assertThat(counts).isSorted();

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.readings("pressure").size() >= 2);
        assertThat(harness.readings("pressure").getFirst().value()).isEqualTo(Value.of(-7L));
        assertThat(harness.readings("speed").getFirst().value()).isEqualTo(Value.of(1450L));
        assertThat(harness.readings("running").getFirst().value()).isEqualTo(Value.of(true));
        assertThat(harness.readings("name").getFirst().value()).isEqualTo(Value.of("P-101"));
        assertThat(harness.malformed).isEmpty();
    }

    @Test
    void itemsWithoutMetricAreNamedByTheirBrowseName() throws Exception {
        harness.start(anonymous(server.endpoint(), List.of(ItemConfig.of("ns=2;s=Boiler.Temperature"),
                new ItemConfig("ns=2;i=1001", null, "bar", Map.of("line", "2"), ItemMode.POLL, null, 1, null))));

        await().atMost(Duration.ofSeconds(20)).until(() -> !harness.readings("Temperature").isEmpty()
                && !harness.readings("Pressure").isEmpty());
        Reading pressure = harness.readings("Pressure").getFirst();
        assertThat(pressure.unit()).isEqualTo("bar");
        assertThat(pressure.tags()).containsEntry("line", "2");
    }

    @Test
    void anAbsoluteDeadbandSuppressesSmallChanges() throws Exception {
        harness.start(anonymous(server.endpoint(), List.of(
                deadband("ns=2;s=Level", "level", 5.0),
                subscribed("ns=2;s=Boiler.Temperature", "marker"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> !harness.readings("level").isEmpty()
                && !harness.readings("marker").isEmpty());

        server.set("Level", 51.0);
        server.set("Level", 52.5);
        server.set("Boiler.Temperature", 1.0); // a change that must arrive, to know the small ones had their chance
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.readings("marker").stream()
                .anyMatch(r -> r.value().equals(Value.of(1.0))));
        Thread.sleep(300); // several sampling intervals for a wrongly reported small change to show up
        server.set("Level", 60.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.readings("level").stream()
                .anyMatch(r -> r.value().equals(Value.of(60.0))));

        assertThat(harness.readings("level")).extracting(Reading::value)
                .containsExactly(Value.of(50.0), Value.of(60.0));
    }
}
