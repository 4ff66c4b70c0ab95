package dev.ferry.agent;

import dev.ferry.api.GapReason;
import dev.ferry.log.LogInspector;
import dev.ferry.log.LogStats;
import dev.ferry.api.config.Durations;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry log stats}: counts, bytes, oldest age, per-sink lag, evictions and corruption found. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts, bytes, oldest reading's age, per-sink lag, evictions, corrupt records.")
final class LogStatsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        System.out.print(report(config.load(Plugins.registry())));
        return 0;
    }

    /** What the command prints, as text: a support bundle carries it. */
    static String report(LoadedConfig loaded) throws IOException, UserError {
        Path dir = ConfigOption.existingLogDir(loaded);
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
