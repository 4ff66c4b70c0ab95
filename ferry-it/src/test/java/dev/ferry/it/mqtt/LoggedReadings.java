package dev.ferry.it.mqtt;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.format.JsonLines;
import dev.ferry.log.LogInspector;
import dev.ferry.log.LogStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an agent's log holds after the agent stopped, read offline as {@code ferry log dump} does: every reading as
 * the MQTT sink encodes it, by seq, and where each sink's cursor stands.
 *
 * @param readings each reading's JSON object by seq
 * @param nextSeq the seq after the newest reading
 * @param cursors each sink's next unacknowledged seq, by sink name
 * @param problems damage found while reading, and gaps (none is expected here)
 */
record LoggedReadings(String epoch, Map<Long, String> readings, long nextSeq, Map<String, Long> cursors, List<String> problems) {

    static LoggedReadings read(Path dataDir) throws IOException {
        LogInspector inspector = LogInspector.open(dataDir.resolve("log"));
        Map<Long, String> readings = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        inspector.dump(0, Long.MAX_VALUE, (LogEntry entry) -> {
            if (entry instanceof StoredReading stored) {
                readings.put(stored.id().seq(), json(stored));
            } else {
                problems.add("unexpected gap " + entry);
            }
        }, problems::add);
        LogStats stats = inspector.stats();
        Map<String, Long> cursors = new TreeMap<>();
        stats.cursors().forEach((sink, cursor) -> cursors.put(sink, cursor.committedSeq()));
        return new LoggedReadings(inspector.epoch(), readings, stats.nextSeq(), cursors, problems);
    }

    /** The next seq that {@code sink} has not had acknowledged. */
    long cursor(String sink) {
        Long seq = cursors.get(sink);
        if (seq == null) {
            throw new AssertionError("the log has no cursor of sink " + sink + "; cursors: " + cursors);
        }
        return seq;
    }

    private static String json(StoredReading stored) {
        try {
            return new String(JsonLines.object(stored), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + stored, e);
        }
    }
}
