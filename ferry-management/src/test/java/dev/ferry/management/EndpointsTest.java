package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each endpoint of a running agent, its answers when all is well and when a sink cannot work. */
class EndpointsTest {

    private static final String PIPELINE = RunningAgent.SIMULATED_TO_FILE;

    @TempDir
    Path dir;

    @Test
    void healthReadyStatusAndMetricsOfAWellAgent() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE, "")) {
            assertThat(running.get("/health").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> running.get("/ready").statusCode() == 200);
            assertThat(running.get("/ready").body()).isEqualTo("{\"ready\":true,\"not_ready\":{}}");

            await().atMost(Duration.ofSeconds(20)).until(() -> running.get("/status").body().contains("\"acknowledged\":1"));
            HttpResponse<String> status = running.get("/status");
            assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(status.body()).contains("\"id\":\"gw-test\"", "\"ready\":true", "\"boiler\":{\"state\":\"UP\"",
                    "\"out\":{\"state\":\"UP\"", "\"sha256\":\"abc\"", "\"rss_bytes\":");

            HttpResponse<String> metrics = running.get("/metrics");
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body()).contains("# TYPE ferry_source_readings_total counter",
                    "ferry_source_readings_total{source=\"boiler\"}", "ferry_sink_lag_readings{sink=\"out\"}", "ferry_source_quarantines_total{source=\"boiler\"} 0.0",
                    "ferry_log_commit_duration_seconds_bucket{le=\"0.001\"}", "ferry_component_state{component=\"sink out\",state=\"UP\"} 1.0",
                    "process_resident_memory_bytes", "ferry_build_info{agent=\"gw-test\"");
            HttpResponse<String> openMetrics = running.get("/metrics", Map.of("Accept", "application/openmetrics-text; version=1.0.0"));
            assertThat(openMetrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
            assertThat(openMetrics.body()).endsWith("# EOF\n");
        }
    }

    @Test
    void aSinkThatCannotOpenMakesTheAgentNotReadyAndSaysWhy() throws Exception {
        Files.createDirectories(dir.resolve("blocked"));   // a directory where the file should be
        try (RunningAgent running = new RunningAgent(dir, PIPELINE + "  stuck: {type: file, path: ./blocked}\n", "")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.get("/ready").statusCode() == 503);
            String body = running.get("/ready").body();
            assertThat(body).contains("\"ready\":false", "\"sink stuck\":{\"state\":\"DOWN\",\"reason\":\"cannot open:")
                    .doesNotContain("sink out");
            assertThat(running.get("/health").statusCode()).as("alive all the same").isEqualTo(200);
        }
    }

    @Test
    void readinessCanBeLimitedToTheComponentsThatMatter() throws Exception {
        Files.createDirectories(dir.resolve("blocked"));
        try (RunningAgent running = new RunningAgent(dir, PIPELINE + "  stuck: {type: file, path: ./blocked}\n",
                ", ready_requires: [sink out]")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.get("/ready").statusCode() == 200);
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefusedClearly() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE, "")) {
            HttpResponse<String> missing = running.get("/nothing");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("try / (the dashboard), /health, /ready, /status, /metrics or /history");
        }
    }
}
