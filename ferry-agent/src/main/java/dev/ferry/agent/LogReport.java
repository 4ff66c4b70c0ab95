package dev.ferry.agent;

import dev.ferry.api.GapReason;
import dev.ferry.api.config.Durations;
import dev.ferry.log.LogInspector;
import dev.ferry.log.LogStats;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The log's figures as {@code ferry log stats} prints them: counts, bytes, oldest age, per-sink lag, evictions, corruption. */
public final class LogReport {

    private LogReport() {}

    /** The log directory of the loaded config; a clear error when the agent has not run there yet. */
    public static Path existingLogDir(LoadedConfig loaded) throws UserError {
        Path dir = loaded.logDir();
        if (!Files.isDirectory(dir)) {
            throw new UserError("no log at " + dir + " yet; it is created when the agent first runs");
        }
        return dir;
    }

    /** What the command prints, as text: a support bundle carries it. */
    public static String of(LoadedConfig loaded) throws IOException, UserError {
        Path dir = existingLogDir(loaded);
        LogInspector inspector = LogInspector.open(dir);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            print(out, dir, inspector, inspector.stats(), loaded);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    private static void print(PrintStream out, Path dir, LogInspector inspector, LogStats stats, LoadedConfig loaded)
            throws IOException {
        out.printf("log            %s%n", dir);
        out.printf("agent, epoch   %s, %s%n", inspector.agentId(), inspector.epoch());
        out.printf("readings       %d held (seq %d to %d)%n", stats.retainedReadings(), stats.firstSeq(), stats.nextSeq() - 1);
        out.printf("bytes          %d in %d segment(s)%n", stats.bytes(), stats.segments());
        out.printf("oldest         %s%n", stats.oldestEntryAge() == null ? "-" : Durations.format(stats.oldestEntryAge()) + " ago");
        out.printf("sinks          %s%n", stats.cursors().isEmpty() ? "none yet" : "");
        for (Map.Entry<String, LogStats.CursorStats> cursor : stats.cursors().entrySet()) {
            boolean configured = loaded.sinks().stream().anyMatch(sink -> sink.name().equals(cursor.getKey()));
            out.printf("  %-12s lag %d (next seq %d)%s%n", cursor.getKey(), cursor.getValue().lag(),
                    cursor.getValue().committedSeq(), configured ? "" : "  [not in this config]");
        }
        out.printf("dead letters   %s%n", deadLetters(loaded));
        out.printf("evicted        %s%n", evictions(stats));
        out.printf("corrupt        %d damaged range(s) found%n", stats.corruptionsFound());
    }

    /** Each sink's dead letters held (and deleted over the limit), or {@code none}. */
    private static String deadLetters(LoadedConfig loaded) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String sink : DeadLetterFiles.sinksWithStores(loaded.dataDir())) {
            Path store = DeadLetterFiles.directory(loaded.dataDir(), sink);
            long held = DeadLetterRequests.count(store);
            long evicted = DeadLetterFiles.evictedIn(store);
            if (held > 0 || evicted > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(sink).append(' ').append(held)
                        .append(evicted == 0 ? "" : " (" + evicted + " deleted over the limit)");
            }
        }
        return text.isEmpty() ? "none" : text + "; see `ferry deadletter list`";
    }

    private static String evictions(LogStats stats) {
        StringBuilder text = new StringBuilder();
        for (GapReason reason : GapReason.values()) {
            long count = stats.evicted(reason);
            if (count > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(reason.label());
            }
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}
