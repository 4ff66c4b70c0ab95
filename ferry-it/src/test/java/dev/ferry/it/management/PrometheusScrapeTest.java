package dev.ferry.it.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's metrics as a real Prometheus sees them: `promtool check metrics` accepts the exposition without a
 * single naming warning, and Prometheus, scraping the agent, answers queries about it through its HTTP API.
 */
class PrometheusScrapeTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void promtoolAcceptsTheExpositionAndPrometheusScrapesIt() throws Exception {
        int port = FreePorts.tcp();
        Path config = Files.writeString(work.resolve("ferry.yaml"), """
                agent: {id: scraped-gw, data_dir: ./data}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  boiler: {type: simulated, interval: 20ms}
                  plant: {type: system, interval: 1s}
                sinks:
                  out: {type: file, path: ./out/readings.jsonl}
                """.formatted(port));
        Endpoint endpoint = new Endpoint(port);
        try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> endpoint.up() || !agent.isAlive());
            assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();
            await().atMost(LIMIT).until(() -> endpoint.metric("ferry_sink_acknowledged_readings_total{sink=\"out\"}") > 0);

            String exposition = endpoint.get("/metrics").body();
            Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            promtool.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(verdict).as("promtool's findings").isEmpty();
            assertThat(promtool.exitValue()).isZero();

            int prometheusPort = FreePorts.tcp();
            Path prometheusConfig = Files.writeString(work.resolve("prometheus.yml"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: ferry
                        static_configs: [{targets: ["127.0.0.1:%d"]}]
                    """.formatted(port));
            Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + prometheusConfig,
                    "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                    .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
            try {
                await().atMost(LIMIT).until(() -> query(prometheusPort, "ferry_source_readings_total{source=\"boiler\"}")
                        .contains("\"job\":\"ferry\""));
                String up = query(prometheusPort, "up{job=\"ferry\"}");
                assertThat(up).contains("\"value\":[").contains(",\"1\"]");
                await().atMost(LIMIT).until(() -> query(prometheusPort, "rate(ferry_sink_acknowledged_readings_total[10s]) > 0")
                        .contains("\"sink\":\"out\""));
                assertThat(query(prometheusPort, "ferry_log_commit_duration_seconds_bucket")).contains("\"le\":\"+Inf\"");
            } finally {
                prometheus.destroy();
                prometheus.waitFor(20, TimeUnit.SECONDS);
            }
            assertThat(agent.terminate(LIMIT)).isZero();
        }
    }

    private static String query(int port, String promql) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
