package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry log stats} and {@code ferry log dump} on a log a real agent wrote, sound and then damaged. */
class LogCommandsTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void statsAndDumpShowWhatTheLogHoldsAndDumpFindsDamage() throws Exception {
        int closedPort = FreePorts.tcp();   // nothing listens there: that sink never delivers
        Path config = work.resolve("ferry.yaml");
        Files.writeString(config, """
                agent:
                  id: inspect-gw
                  data_dir: ./data
                log:
                  segment_size: 16KiB
                sources:
                  fast:
                    type: simulated
                    interval: 1ms
                sinks:
                  out:
                    type: file
                    path: ./out/readings.jsonl
                  stuck:
                    type: mqtt
                    url: mqtt://127.0.0.1:%d
                """.formatted(closedPort));
        Path segments = work.resolve("data/log/segments");
        try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> segmentCount(segments) >= 4 || !agent.isAlive());
            assertThat(agent.stderrText()).contains("sink stuck: DOWN (");
            assertThat(agent.terminate(LIMIT)).as(agent.stderrText()).isZero();
        }

        AgentProcess.Result stats = AgentProcess.run(work, "stats", LIMIT, "log", "stats", "-c", config.toString());
        assertThat(stats.exitCode()).as(stats.stderr()).isZero();
        assertThat(stats.stdout()).contains("agent, epoch   inspect-gw, ").containsPattern("readings +\\d+ held \\(seq 0 to \\d+\\)")
                .containsPattern("stuck +lag [1-9]\\d* \\(next seq 0\\)").containsPattern("out +lag \\d+")
                .contains("evicted        none").contains("corrupt        0");

        AgentProcess.Result dump = AgentProcess.run(work, "dump", LIMIT, "log", "dump", "-c", config.toString());
        assertThat(dump.exitCode()).as(dump.stderr()).isZero();
        List<DeliveredLines.Line> lines = DeliveredLines.parse(dump.stdout());
        assertThat(lines).isNotEmpty();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).seq()).isEqualTo(i);
        }

        flipByte(firstSegment(segments), 2_000);
        AgentProcess.Result damaged = AgentProcess.run(work, "dump-damaged", LIMIT, "log", "dump", "-c", config.toString());
        assertThat(damaged.exitCode()).isEqualTo(3);
        assertThat(damaged.stderr()).contains("problem(s) found").doesNotContain("\tat ");
        assertThat(damaged.stdout()).contains("\"reason\":\"corrupt\"");
    }

    @Test
    void forgetSinkDeletesTheKeptPositionOfARemovedSinkOnlyWhenTheAgentIsStopped() throws Exception {
        String agent = """
                agent: {id: forget-gw, data_dir: ./data}
                sources:
                  fast: {type: simulated, interval: 5ms}
                sinks:
                  out: {type: file, path: ./out/readings.jsonl}
                """;
        Path withSpare = Files.writeString(work.resolve("ferry.yaml"),
                agent + "  spare: {type: file, path: ./out/spare.jsonl}\n");
        Path withoutSpare = Files.writeString(work.resolve("without-spare.yaml"), agent);
        try (AgentProcess running = AgentProcess.start(work, "agent", "run", "-c", withSpare.toString())) {
            await().atMost(LIMIT).until(() -> running.stderrText().contains("sink spare: UP") || !running.isAlive());
            AgentProcess.Result busy = AgentProcess.run(work, "busy", LIMIT, "log", "forget-sink", "spare", "-c",
                    withoutSpare.toString());
            assertThat(busy.exitCode()).isEqualTo(1);
            assertThat(busy.stderr()).contains("in use by a running agent; stop it first");
            assertThat(running.terminate(LIMIT)).as(running.stderrText()).isZero();
        }

        AgentProcess.Result configured = AgentProcess.run(work, "configured", LIMIT, "log", "forget-sink", "spare", "-c",
                withSpare.toString());
        assertThat(configured.exitCode()).isEqualTo(1);
        assertThat(configured.stderr()).contains("sink spare is in the config; remove it from the config first");

        AgentProcess.Result forgot = AgentProcess.run(work, "forget", LIMIT, "log", "forget-sink", "spare", "-c",
                withoutSpare.toString());
        assertThat(forgot.exitCode()).as(forgot.stderr()).isZero();
        AgentProcess.Result stats = AgentProcess.run(work, "stats", LIMIT, "log", "stats", "-c", withoutSpare.toString());
        assertThat(stats.stdout()).containsPattern("out +lag \\d+").doesNotContain("spare");

        AgentProcess.Result again = AgentProcess.run(work, "again", LIMIT, "log", "forget-sink", "spare", "-c",
                withoutSpare.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("keeps no position for a sink named spare");
    }

    private static long segmentCount(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static Path firstSegment(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0xFF);
        }
    }
}
