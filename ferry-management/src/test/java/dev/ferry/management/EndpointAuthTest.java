package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With tokens configured, every endpoint but /health wants one with its scope; refusals say why, never the token. */
class EndpointAuthTest {

    private static final String READER = "reader-token-0123456789abcdef0123456789";
    private static final String DIAGNOSER = "diagnose-token-0123456789abcdef01234567";

    @TempDir
    Path dir;

    private RunningAgent agent() throws Exception {
        return new RunningAgent(dir, """
                sources:
                  boiler: {type: simulated, interval: 50ms}
                sinks:
                  out: {type: file, path: ./out/readings.jsonl}
                """, ", auth: {tokens: [{token: \"" + READER + "\", scopes: [\"agent:read\"]}, {token: \"" + DIAGNOSER
                + "\", scopes: [\"agent:diagnose\"]}]}");
    }

    @Test
    void readEndpointsWantATokenWithAgentRead() throws Exception {
        try (RunningAgent running = agent()) {
            assertThat(running.get("/health").statusCode()).as("liveness needs no token").isEqualTo(200);
            for (String path : new String[] {"/ready", "/status", "/metrics"}) {
                HttpResponse<String> none = running.get(path);
                assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();

                HttpResponse<String> wrong = running.get(path, Map.of("Authorization", "Bearer not-" + READER));
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.body()).doesNotContain(READER);

                HttpResponse<String> lacking = running.get(path, Map.of("Authorization", "Bearer " + DIAGNOSER));
                assertThat(lacking.statusCode()).as("a token without agent:read").isEqualTo(403);
                assertThat(lacking.body()).doesNotContain(DIAGNOSER).contains("agent:read");

                assertThat(running.get(path, Map.of("Authorization", "Bearer " + READER)).statusCode()).isIn(200, 503);
            }
            String metrics = running.get("/metrics", Map.of("Authorization", "Bearer " + READER)).body();
            assertThat(metrics).contains("ferry_management_refused_requests_total{reason=\"missing_credentials\"} 3.0",
                    "ferry_management_refused_requests_total{reason=\"insufficient_scope\"} 3.0").doesNotContain(READER, DIAGNOSER);
            assertThat(running.get("/status", Map.of("Authorization", "Bearer " + READER)).body()).doesNotContain(READER, DIAGNOSER);
        }
    }

    @Test
    void reloadAlwaysWantsATokenWithConfigWrite() throws Exception {
        String writer = "writer-token-0123456789abcdef0123456789";
        try (RunningAgent running = new RunningAgent(dir, RunningAgent.SIMULATED_TO_FILE, ", auth: {tokens: [{token: \""
                + READER + "\", scopes: [\"agent:read\"]}, {token: \"" + writer + "\", scopes: [\"config:write\"]}]}")) {
            assertThat(running.post("/reload", Map.of()).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> reader = running.post("/reload", Map.of("Authorization", "Bearer " + READER));
            assertThat(reader.statusCode()).isEqualTo(403);
            assertThat(new String(reader.body())).contains("config:write").doesNotContain(READER);
            assertThat(running.get("/reload", Map.of("Authorization", "Bearer " + writer)).statusCode()).isEqualTo(405);

            HttpResponse<byte[]> reload = running.post("/reload", Map.of("Authorization", "Bearer " + writer));
            assertThat(reload.statusCode()).isEqualTo(200);
            assertThat(new String(reload.body())).startsWith("{\"result\":\"unchanged\",\"trigger\":\"POST /reload\"");
        }
        try (RunningAgent open = new RunningAgent(java.nio.file.Files.createDirectories(dir.resolve("open")),
                RunningAgent.SIMULATED_TO_FILE, "")) {
            HttpResponse<byte[]> refused = open.post("/reload", Map.of());
            assertThat(refused.statusCode()).as("no token configured: acting endpoints stay shut").isEqualTo(403);
            assertThat(new String(refused.body())).contains("reloads always need a token with config:write");
        }
    }
}
