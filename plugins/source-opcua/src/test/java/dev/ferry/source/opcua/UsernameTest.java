package dev.ferry.source.opcua;

import static dev.ferry.source.opcua.Configs.anonymous;
import static dev.ferry.source.opcua.Configs.subscribed;
import static dev.ferry.source.opcua.Configs.withUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.HealthState;
import dev.ferry.source.opcua.testserver.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User name sign-in; the password travels encrypted with the server's certificate, which must be trusted. */
class UsernameTest {

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(TestServer.freePort(), TestServer.Identity.generate(), Map.of("ferry", "s3cret"),
                List.of());
        Files.write(dataDir.resolve("server.der"), server.certificate().getEncoded());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theRightPasswordSignsIn() throws Exception {
        try (Harness harness = new Harness(dataDir)) {
            harness.start(config("s3cret"));
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.health().state() == HealthState.UP
                    && !harness.readings("temperature").isEmpty());
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithItsReasonAndRetriedWithBackoff() throws Exception {
        try (Harness harness = new Harness(dataDir)) {
            harness.start(config("wrong"));
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.health().state() == HealthState.DEGRADED);
            assertThat(harness.health().reason())
                    .contains("the server refused the sign-in of user \"ferry\"")
                    .containsAnyOf("Bad_UserAccessDenied", "Bad_IdentityTokenRejected")
                    .contains("check username and password");
            assertThat(harness.readings).isEmpty();
        }
    }

    private OpcUaConfig config(String password) {
        return withUser(anonymous(server.endpoint(), List.of(subscribed("ns=2;s=Boiler.Temperature", "temperature"))),
                "ferry", password, List.of("server.der"));
    }
}
