package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's page, files and history on the endpoint of a real agent. */
class DashboardEndpointTest {

    private static final String PIPELINE = RunningAgent.SIMULATED_TO_FILE;

    @TempDir
    Path dir;

    @Test
    void servesThePageAndItsFilesWithTheirTypesAndRevalidation() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE, "")) {
            HttpResponse<String> page = running.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(page.body()).contains("/dashboard/uPlot.iife.min.js", "/dashboard/dashboard.js", "/dashboard/dashboard.css");

            assertThat(running.get("/dashboard/dashboard.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(running.get("/dashboard/uPlot.iife.min.js").body()).contains("uPlot");
            assertThat(running.get("/dashboard/uPlot.min.css").headers().firstValue("Content-Type"))
                    .hasValue("text/css; charset=utf-8");

            String etag = page.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = running.get("/", Map.of("If-None-Match", etag));
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void unknownPathsStillAnswerTheJson404() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE, "")) {
            for (String path : new String[] {"/nothing", "/dashboard/", "/dashboard/../pom.xml", "/index.html", "/history/x"}) {
                HttpResponse<String> missing = running.get(path);
                assertThat(missing.statusCode()).as(path).isEqualTo(404);
                assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
                assertThat(missing.body()).contains("\"error\":\"no such resource");
            }
        }
    }

    @Test
    void historyHoldsTheFirstSampleWithEachSourcesLatestValues() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE, "")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.get("/history").body().contains("\"latest\":{\"boiler\":[{"));
            HttpResponse<String> history = running.get("/history");
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(history.body()).contains("\"interval_seconds\":10", "\"capacity\":360", "\"time\":[",
                    "\"log\":{\"readings\":[", "\"sinks\":{\"out\":{\"acknowledged\":[", "\"sources\":{\"boiler\":{\"readings\":[",
                    "\"metric\":");
            assertThat(running.get("/history?after=9999999999").body()).contains("\"time\":[]");
            assertThat(running.get("/history?after=soon").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void historyWantsTheSameTokenAsStatusButThePageDoesNot() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE,
                ", auth: {tokens: [{token: \"s3cret-token-0123456789abcdef0123456789\", scopes: [\"agent:read\"]}]}")) {
            assertThat(running.get("/history").statusCode()).isEqualTo(401);
            assertThat(running.get("/history", Map.of("Authorization", "Bearer s3cret-token-0123456789abcdef0123456789")).statusCode())
                    .isEqualTo(200);
            assertThat(running.get("/").statusCode()).isEqualTo(200);
        }
    }
}
