package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.testkit.AgentProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smallest config, in YAML and in TOML, works exactly as written; a clean stop (SIGTERM, then SIGINT) exits 0
 * and saves the sink's position, so the next run continues without sending anything twice.
 */
class MinimalConfigTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"minimal/ferry.yaml", "minimal/ferry.toml"})
    void runsAsWrittenAndStopsCleanly(String resource) throws Exception {
        Path config = Resources.copy(resource, work);
        Path out = work.resolve("out/readings.jsonl");

        int firstRunLines;
        try (AgentProcess agent = AgentProcess.start(work, "first", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> DeliveredLines.read(out).lines().size() >= 20 || !agent.isAlive());
            assertThat(agent.terminate(LIMIT)).as("exit code after SIGTERM; stderr:%n%s", agent.stderrText()).isZero();
            assertThat(agent.stderrText()).doesNotContain("\tat ").contains("agent gw-01 stopped");
        }
        List<DeliveredLines.Line> first = DeliveredLines.read(out).lines();
        firstRunLines = first.size();
        for (DeliveredLines.Line line : first) {
            assertFileSinkFormat(line.text());
        }

        try (AgentProcess agent = AgentProcess.start(work, "second", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> DeliveredLines.read(out).lines().size() > firstRunLines + 5 || !agent.isAlive());
            assertThat(agent.interrupt(LIMIT)).as("exit code after SIGINT; stderr:%n%s", agent.stderrText()).isZero();
        }
        List<DeliveredLines.Line> all = DeliveredLines.read(out).lines();
        assertThat(DeliveredLines.read(out).torn()).isZero();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).seq()).as("line %d follows the one before, across the restart", i).isEqualTo(all.get(i - 1).seq() + 1);
        }
        assertThat(all.getFirst().seq()).isZero();
    }

    private static void assertFileSinkFormat(String text) throws Exception {
        JsonLine line = JsonLine.parse(text);
        assertThat(line.types()).containsEntry("id", JsonToken.VALUE_STRING)
                .containsEntry("seq", JsonToken.VALUE_NUMBER_INT)
                .containsEntry("source", JsonToken.VALUE_STRING)
                .containsEntry("metric", JsonToken.VALUE_STRING)
                .containsEntry("time", JsonToken.VALUE_STRING)
                .containsKey("value");
        assertThat(line.values().get("id")).matches("gw-01:[a-z0-9]+:" + line.values().get("seq"));
        assertThat(line.values().get("source")).isEqualTo("boiler");
        assertThat(line.types().get("value")).isIn(JsonToken.VALUE_NUMBER_FLOAT, JsonToken.VALUE_NUMBER_INT);
        OffsetDateTime.parse(line.values().get("time"));   // RFC 3339
    }
}
