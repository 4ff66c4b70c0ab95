package dev.ferry.it.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CoAP sink whose server (libcoap) refuses every request with 4.04: the refused readings go to the dead-letter
 * store, `ferry deadletter list` and `show` tell what and why while the agent runs, and once the server takes the
 * resource, `replay` sends them again through the running agent.
 */
class CoapRefusalsTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @TempDir
    Path work;

    @Test
    void refusedReadingsAreDeadLetteredListedShownAndReplayed() throws Exception {
        int port = FreePorts.udp();
        Path config = work.resolve("ferry.yaml");
        Files.writeString(config, """
                agent:
                  id: coap-gw
                  data_dir: ./data
                sources:
                  boiler:
                    type: simulated
                    interval: 50ms
                sinks:
                  all:
                    type: file
                    path: ./out/all.jsonl
                  upstream:
                    type: coap
                    url: coap://127.0.0.1:%d/ferry/in
                    method: put
                    encoding: json
                    retry_initial: 100ms
                    retry_max: 1s
                """.formatted(port));
        LibcoapServer refusing = LibcoapServer.start(port, false, work.resolve("coap-server-1.log"));
        try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> count(config) >= 40 || !agent.isAlive());
            assertThat(agent.isAlive()).as(agent.stderrText()).isTrue();

            AgentProcess.Result list = cli(config, "list");
            assertThat(list.stdout()).containsPattern("sink upstream: \\d+ dead letter\\(s\\)")
                    .containsPattern("coap_4\\.04 +coap://127\\.0\\.0\\.1:" + port + "/ferry/in answered 4\\.04 Not Found")
                    .contains("sink all: 0 dead letter(s)");
            AgentProcess.Result show = cli(config, "show", "--sink", "upstream");
            List<String> shown = show.stdout().lines().toList();
            assertThat(shown).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains("\"dead_letter\":{\"sink\":\"upstream\",\"code\":\"coap_4.04\"").contains("\"source\":\"boiler\""));
            Set<String> refusedIds = ids(show.stdout());
            assertThat(refusedIds).hasSameSizeAs(shown);
            assertThat(ids(Files.readString(work.resolve("out/all.jsonl")))).as("dead letters are readings the log holds")
                    .containsAll(refusedIds);
            AgentProcess.Result stats = AgentProcess.run(work, "stats", LIMIT, "log", "stats", "-c", config.toString());
            assertThat(stats.stdout()).containsPattern("dead letters   upstream \\d+; see `ferry deadletter list`");

            refusing.close();
            try (LibcoapServer accepting = LibcoapServer.start(port, true, work.resolve("coap-server-2.log"))) {
                AgentProcess.Result replay = cli(config, "replay", "--sink", "upstream");
                assertThat(replay.stdout()).contains("are being sent again by the running agent");
                await().atMost(LIMIT).until(() -> count(config) == 0);
                assertThat(agent.stderrText()).contains("sink upstream: dead letters: replay finished");
                assertThat(agent.terminate(LIMIT)).isZero();
            }
            assertThat(agent.stderrText()).doesNotContain("\tat ");
        } finally {
            refusing.close();
        }
        assertThat(cli(config, "list").stdout()).contains("sink upstream: 0 dead letter(s)");
    }

    private AgentProcess.Result cli(Path config, String command, String... more) throws Exception {
        String[] args = new String[3 + more.length + 1];
        args[0] = "deadletter";
        args[1] = command;
        args[2] = "-c";
        args[3] = config.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        AgentProcess.Result result = AgentProcess.run(work, "deadletter-" + command, LIMIT, args);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private long count(Path config) throws Exception {
        Matcher m = Pattern.compile("sink upstream: (\\d+) dead letter").matcher(cli(config, "list").stdout());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static Set<String> ids(String jsonLines) {
        return jsonLines.lines().map(ID::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
