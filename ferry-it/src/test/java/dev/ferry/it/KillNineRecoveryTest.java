package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.log.LogInspector;
import dev.ferry.format.JsonLines;
import dev.ferry.testkit.AgentProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash contract, with real processes: the agent runs a fast simulated source into the log and a file sink,
 * and is killed with SIGKILL at random moments, over and over. Counting by ID after every restart: nothing that
 * was committed is missing, no ID is doubled in the log, order is kept, and a re-delivered ID is the same reading.
 */
class KillNineRecoveryTest {

    private static final int KILLS = 20;

    @TempDir
    Path work;

    @Test
    void nothingCommittedIsLostAcrossTwentyKills() throws Exception {
        Path config = work.resolve("ferry.yaml");
        Files.writeString(config, """
                agent:
                  id: crash-gw
                  data_dir: ./data
                log:
                  segment_size: 256KiB
                  commit_interval: 2ms
                  cursor_flush_interval: 50ms
                sources:
                  fast:
                    type: simulated
                    interval: 1ms
                    signals:
                      - {name: temperature, shape: sine, period: 10s, amplitude: 20, unit: Cel}
                      - {name: pressure, shape: random-walk, step: 0.5, unit: bar}
                      - {name: count, shape: counter}
                  slow:
                    type: simulated
                    interval: 20ms
                sinks:
                  out:
                    type: file
                    path: ./out/readings.jsonl
                    fsync: false
                """);
        Path logDir = work.resolve("data/log");
        Path delivered = work.resolve("out/readings.jsonl");
        Random random = new Random(20261121L);

        Map<Long, String> committed = new HashMap<>();   // seq -> reading, everything ever seen committed
        String epoch = null;
        for (int run = 0; run < KILLS; run++) {
            int seenBefore = committed.size();
            long linesBefore = countLines(delivered);
            try (AgentProcess agent = AgentProcess.start(work, "run-" + run, "run", "-c", config.toString())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> countLines(delivered) > linesBefore || !agent.isAlive());
                assertThat(agent.isAlive()).as("agent alive; stderr:%n%s", agent.stderrText()).isTrue();
                Thread.sleep(random.nextInt(50, 900));
                agent.kill9();
            }

            LogSnapshot log = LogSnapshot.read(logDir);
            epoch = checkEpoch(epoch, log.epoch());
            assertThat(log.problems()).as("corruption found after kill %d", run).isEmpty();
            log.assertContiguous();

            DeliveredLines lines = DeliveredLines.read(delivered);
            Set<Long> deliveredSeqs = new HashSet<>();
            for (DeliveredLines.Line line : lines.lines()) {
                deliveredSeqs.add(line.seq());
                assertSameReading(committed, line.seq(), withoutIdPrefix(line.text()), "file line after kill " + run);
            }
            for (Map.Entry<Long, String> entry : log.readings().entrySet()) {
                assertSameReading(committed, entry.getKey(), entry.getValue(), "log entry after kill " + run);
            }
            for (long seq : committed.keySet()) {
                assertThat(log.readings().containsKey(seq) || deliveredSeqs.contains(seq))
                        .as("committed reading %d is neither in the log nor delivered after kill %d", seq, run)
                        .isTrue();
            }
            assertThat(committed.size()).as("readings grew in run %d", run).isGreaterThan(seenBefore);
        }

        assertNoSeqMissing(committed);
        assertDeliveryOrder(DeliveredLines.read(delivered).lines());
    }

    private static long countLines(Path file) throws IOException {
        return Files.exists(file) ? DeliveredLines.read(file).lines().size() : 0;
    }

    private static String checkEpoch(String previous, String current) {
        if (previous != null) {
            assertThat(current).as("the log's epoch survives restarts").isEqualTo(previous);
        }
        return current;
    }

    /** The file sink writes the reading's fields after "id" and "seq"; that tail must match what the log holds. */
    private static String withoutIdPrefix(String line) {
        return line.substring(line.indexOf(",\"source\""));
    }

    private static void assertSameReading(Map<Long, String> committed, long seq, String reading, String where) {
        String before = committed.putIfAbsent(seq, reading);
        if (before != null) {
            assertThat(reading).as("seq %d (%s) is the same reading as before", seq, where).isEqualTo(before);
        }
    }

    private static void assertNoSeqMissing(Map<Long, String> committed) {
        long max = committed.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        List<Long> missing = new ArrayList<>();
        for (long seq = 0; seq <= max; seq++) {
            if (!committed.containsKey(seq)) {
                missing.add(seq);
            }
        }
        assertThat(missing).as("sequence numbers missing below %d", max).isEmpty();
    }

    /** Within the file, each line follows its predecessor, except where a restart re-sends from the cursor. */
    private static void assertDeliveryOrder(List<DeliveredLines.Line> lines) {
        for (int i = 1; i < lines.size(); i++) {
            long previous = lines.get(i - 1).seq();
            long seq = lines.get(i).seq();
            assertThat(seq == previous + 1 || seq <= previous)
                    .as("line %d: seq %d after %d skips readings", i, seq, previous)
                    .isTrue();
        }
    }

    /** What the log holds after a crash, read offline like `ferry log dump` does. */
    private record LogSnapshot(String epoch, Map<Long, String> readings, List<Long> order, List<String> problems) {

        static LogSnapshot read(Path dir) throws Exception {
            LogInspector inspector = LogInspector.open(dir);
            Map<Long, String> readings = new HashMap<>();
            List<Long> order = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            String[] epoch = {null};
            inspector.dump(0, Long.MAX_VALUE, (LogEntry entry) -> {
                if (entry instanceof StoredReading stored) {
                    epoch[0] = stored.id().epoch();
                    order.add(stored.id().seq());
                    readings.put(stored.id().seq(), withoutIdPrefix(asJson(stored)));
                } else {
                    problems.add("unexpected gap " + entry);
                }
            }, problems::add);
            return new LogSnapshot(epoch[0] != null ? epoch[0] : inspector.epoch(), readings, order, problems);
        }

        private static String asJson(StoredReading stored) {
            try {
                return new String(JsonLines.encodeOne(stored), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void assertContiguous() {
            for (int i = 1; i < order.size(); i++) {
                assertThat(order.get(i)).as("log order at entry %d", i).isEqualTo(order.get(i - 1) + 1);
            }
        }
    }
}
