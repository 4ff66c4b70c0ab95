package dev.ferry.agent.cli;

import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.deadletter.DeadLetter;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry deadletter list}: counts by sink and reason. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Count dead letters by sink and reason (read-only; safe while the agent runs).")
final class DeadLetterListCommand implements Callable<Integer> {

    @Mixin
    DeadLetterSinks sinks;

    private record Cause(String code, String reason) implements Comparable<Cause> {
        @Override
        public int compareTo(Cause other) {
            int byCode = code.compareTo(other.code);
            return byCode != 0 ? byCode : reason.compareTo(other.reason);
        }
    }

    private static final class Tally {
        long count;
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
    }

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = sinks.load();
        PrintStream out = System.out;
        for (DeadLetterSinks.Store store : sinks.stores(loaded)) {
            Map<Cause, Tally> causes = new TreeMap<>();
            DeadLetterFiles.read(store.dir(), letter -> tally(causes, letter));
            long held = causes.values().stream().mapToLong(t -> t.count).sum();
            long evicted = DeadLetterFiles.evictedIn(store.dir());
            out.printf("sink %s: %d dead letter(s)%s%s%s%n", store.sink(), held,
                    evicted == 0 ? "" : ", " + evicted + " deleted over the size limit",
                    DeadLetterFiles.replayPending(store.dir()) ? ", replay pending" : "",
                    store.configured() ? "" : "  [not in this config]");
            for (Map.Entry<Cause, Tally> cause : causes.entrySet()) {
                Tally tally = cause.getValue();
                out.printf("  %8d  %-16s %s  (%s .. %s)%n", tally.count, cause.getKey().code(), cause.getKey().reason(),
                        tally.first, tally.last);
            }
            Path legacy = loaded.dataDir().resolve("plugins").resolve(store.sink()).resolve("quarantine.jsonl");
            if (Files.exists(legacy)) {
                out.printf("  readings an earlier version set aside are in %s (JSON Lines, each refusal's line before its"
                        + " readings); they are not replayed%n", legacy);
            }
        }
        return 0;
    }

    private static void tally(Map<Cause, Tally> causes, DeadLetter letter) {
        Tally tally = causes.computeIfAbsent(new Cause(letter.refusal().code(), letter.refusal().reason()), c -> new Tally());
        tally.count++;
        tally.first = letter.time().isBefore(tally.first) ? letter.time() : tally.first;
        tally.last = letter.time().isAfter(tally.last) ? letter.time() : tally.last;
    }
}
