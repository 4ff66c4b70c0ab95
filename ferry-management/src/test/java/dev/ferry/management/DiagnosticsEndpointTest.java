package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /diagnostics}: always behind a token with agent:diagnose, and a bundle that carries no secret. */
class DiagnosticsEndpointTest {

    private static final String SECRET = "diagnose-secret-5f2a9c0e7b1d4a6f8e3c";
    private static final String OUT_DIR = "out-dir-7d1e";
    private static final String READER = "reader-token-0123456789abcdef0123456789";
    private static final String PIPELINE = """
            sources:
              boiler: {type: simulated, interval: 50ms}
            sinks:
              out: {type: file, path: "./${OUT_DIR}/readings.jsonl"}
            """;

    @TempDir
    Path dir;

    private RunningAgent agentWithTokens() throws Exception {
        return new RunningAgent(dir, PIPELINE, ", auth: {tokens: [{token: \"${DIAGNOSE_TOKEN}\", scopes: [\"agent:diagnose\"]},"
                + " {token: \"" + READER + "\", scopes: [\"agent:read\"]}]}", Map.of("DIAGNOSE_TOKEN", SECRET, "OUT_DIR", OUT_DIR));
    }

    @Test
    void refusedWithAReasonWhenNoTokenIsConfiguredEvenOnLoopback() throws Exception {
        try (RunningAgent running = new RunningAgent(dir, PIPELINE, "", Map.of("OUT_DIR", OUT_DIR))) {
            HttpResponse<byte[]> answer = running.post("/diagnostics?duration=1s", Map.of());

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                    .contains("always need a token with agent:diagnose", "management.auth.tokens");
            assertThat(running.get("/status").statusCode()).as("reads stay open without tokens").isEqualTo(200);
        }
    }

    @Test
    void wantsATokenWithAgentDiagnoseAndAPost() throws Exception {
        try (RunningAgent running = agentWithTokens()) {
            assertThat(running.post("/diagnostics", Map.of()).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> reader = running.post("/diagnostics", Map.of("Authorization", "Bearer " + READER));
            assertThat(reader.statusCode()).isEqualTo(403);
            assertThat(new String(reader.body(), StandardCharsets.UTF_8)).contains("agent:diagnose").doesNotContain(READER);
            assertThat(running.get("/diagnostics", Map.of("Authorization", "Bearer " + SECRET)).statusCode()).isEqualTo(405);
            HttpResponse<byte[]> tooLong = running.post("/diagnostics?duration=2h", Map.of("Authorization", "Bearer " + SECRET));
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(new String(tooLong.body(), StandardCharsets.UTF_8)).contains("from 1s to 10m, was 2h");
        }
    }

    @Test
    void bundleHasEveryPartAndNoSecret() throws Exception {
        Map<String, byte[]> files;
        try (RunningAgent running = agentWithTokens()) {
            HttpResponse<byte[]> answer = running.post("/diagnostics?duration=1s", Map.of("Authorization", "Bearer " + SECRET));

            assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
                    .matches("attachment; filename=\"ferry-diagnostics-gw-test-\\d{8}T\\d{6}Z\\.zip\"");
            files = unzip(answer.body());
        }

        assertThat(files.keySet()).containsExactlyInAnyOrder("README.txt", "recording.jfr", "threads.txt",
                "class-histogram.txt", "heap.txt", "status.json", "metrics.txt", "config.redacted.yaml",
                "recent-log.txt", "log-stats.txt");
        files.forEach((name, bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .as(name).doesNotContain(SECRET, OUT_DIR));
        assertThat(text(files, "config.redacted.yaml"))
                .contains("token: \"<redacted> (from ${DIAGNOSE_TOKEN})\"", "path: \"<redacted> (from ${OUT_DIR})\"",
                        "interval: 50ms");
        assertThat(text(files, "threads.txt")).contains("Thread");
        assertThat(text(files, "class-histogram.txt")).contains("java.lang.String");
        assertThat(text(files, "status.json")).contains("\"boiler\"");
        assertThat(text(files, "metrics.txt")).contains("ferry_");
        assertThat(text(files, "recent-log.txt")).contains("a recent log line");
        assertThat(text(files, "log-stats.txt")).contains("log figures");

        Path recording = dir.resolve("recording.jfr");
        Files.write(recording, files.get("recording.jfr"));
        int events = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            events++;
            assertThat(event.getEventType().getName()).isNotIn("jdk.InitialEnvironmentVariable",
                    "jdk.InitialSystemProperty", "jdk.SystemProcess");
            assertThat(event.toString()).doesNotContain(SECRET);
        }
        assertThat(events).as("events recorded").isPositive();
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName().substring(entry.getName().indexOf('/') + 1), in.readAllBytes());
            }
        }
        return files;
    }
}
