package dev.ferry.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The status table from the agent's /status answers: states, reasons, lag, and rates over the agent's own clock. */
class StatusTableTest {

    private static AgentStatus status(double uptime, long read, long acknowledged, String sinkState, boolean ready)
            throws Exception {
        String json = """
                {"agent": {"id": "gw-01", "version": "1.2.3", "uptime_seconds": %s, "running": true,
                           "config": {"file": "ferry.yaml", "sha256": "0123456789abcdef0123"}},
                 "ready": %s, "not_ready": {},
                 "log": {"readings": 1500, "oldest_age_seconds": 125.4},
                 "sources": {"boiler": {"state": "UP", "reason": "", "readings": %d}},
                 "sinks": {"cloud": {"state": "%s", "reason": "connection refused", "acknowledged": %d,
                           "acknowledged_per_second": 7.5, "lag_readings": 420, "oldest_unsent_age_seconds": 61.0,
                           "dead_letters": 2}}}
                """.formatted(uptime, ready, read, sinkState, acknowledged);
        return AgentStatus.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void showsTheAgentTheLogAndEachComponent() throws Exception {
        String table = StatusTable.render(status(192, 100, 50, "DOWN", false), null);

        assertThat(table).contains("agent gw-01  version 1.2.3  up 3m12s  config 0123456789ab  NOT READY")
                .contains("log   1500 readings held, oldest 2m5s");
        assertThat(table.lines().filter(line -> line.startsWith("source boiler")).findFirst().orElseThrow())
                .containsSubsequence("UP", "-", "-", "-", "-");
        assertThat(table.lines().filter(line -> line.startsWith("sink cloud")).findFirst().orElseThrow())
                .containsSubsequence("DOWN", "7.5", "420", "1m1s", "2", "connection refused");
    }

    @Test
    void ratesAreCountedOverTheAgentsUptimeBetweenTwoLooks() throws Exception {
        AgentStatus before = status(10, 100, 40, "UP", true);
        AgentStatus now = status(12, 300, 60, "UP", true);

        String table = StatusTable.render(now, before);

        assertThat(table).contains("READY");
        assertThat(table.lines().filter(line -> line.startsWith("source boiler")).findFirst().orElseThrow()).contains(" 100.0 ");
        assertThat(table.lines().filter(line -> line.startsWith("sink cloud")).findFirst().orElseThrow()).contains(" 10.0 ");
    }

    @Test
    void anAnswerThatIsNotAFerryStatusIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentStatus.parse("{\"status\": \"up\"}".getBytes()))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("agent is missing from the agent's answer");
    }
}
