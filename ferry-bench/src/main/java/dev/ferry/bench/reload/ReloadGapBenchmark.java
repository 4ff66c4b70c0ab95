package dev.ferry.bench.reload;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.log.LogInspector;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The collection gap a reload makes in a source it changes: an agent with two simulated sources reading every
 * {@code interval} runs while one of them is changed (its interval nudged) {@code reloads} times; afterwards, the time
 * from its last reading before each reload to its first after it is read from the log. The reference, measured in the
 * same run, is the other source, which no reload touches: its longest pause between two readings.
 *
 * <p>Usage: {@code ReloadGapBenchmark <dir> [reloads] [interval-ms]}
 */
public final class ReloadGapBenchmark {

    private ReloadGapBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int reloads = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int intervalMillis = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Files.createDirectories(dir);
        PluginRegistry plugins = PluginRegistry.load(ReloadGapBenchmark.class.getClassLoader());
        Path file = dir.resolve("ferry.yaml");
        Files.writeString(file, config(intervalMillis, intervalMillis));
        Agent agent = Agent.start(ConfigLoader.load(file, Map.of(), plugins), Ticker.system());
        List<Instant[]> windows = new ArrayList<>();
        try {
            Thread.sleep(2000);
            for (int n = 1; n <= reloads; n++) {
                // 10ms and 11ms in turn: a changed source every time
                Files.writeString(file, config(intervalMillis, intervalMillis + n % 2));
                LoadedConfig next = ConfigLoader.check(file, Map.of(), plugins);
                Instant asked = Instant.now();
                ReloadOutcome outcome = agent.reload(next, "benchmark");
                Instant done = Instant.now();
                if (outcome.result() != ReloadOutcome.Result.APPLIED) {
                    throw new IllegalStateException("reload " + n + " was not applied: " + outcome.describe());
                }
                windows.add(new Instant[] {asked, done});
                Thread.sleep(500);
            }
        } finally {
            agent.stop(Duration.ofSeconds(10));
        }
        List<Instant> changing = new ArrayList<>();
        List<Instant> steady = new ArrayList<>();
        LogInspector.open(dir.resolve("data/log")).dump(0, Long.MAX_VALUE, (LogEntry entry) -> {
            if (entry instanceof StoredReading stored) {
                (stored.reading().source().equals("changing") ? changing : steady).add(stored.reading().time());
            }
        }, problem -> { throw new IllegalStateException("the log has a problem: " + problem); });
        report(reloads, intervalMillis, gaps(changing, windows), longestPause(steady), windows);
    }

    private static String config(int steadyMillis, int changingMillis) {
        return """
                agent: {id: bench-reload, data_dir: ./data, watch_config: false}
                management: {enabled: false}
                sources:
                  steady: {type: simulated, interval: %dms, signals: [{name: count, shape: counter}]}
                  changing: {type: simulated, interval: %dms, signals: [{name: count, shape: counter}]}
                sinks:
                  out: {type: file, path: ./out.jsonl}
                """.formatted(steadyMillis, changingMillis);
    }

    /** For each reload: the changed source's last reading before it was asked for to its first after. */
    private static List<Duration> gaps(List<Instant> times, List<Instant[]> windows) {
        List<Duration> gaps = new ArrayList<>();
        for (Instant[] window : windows) {
            Instant before = null;
            Instant after = null;
            for (Instant time : times) {
                if (time.isBefore(window[0])) {
                    before = time;
                } else if (after == null && time.isAfter(window[0])) {
                    after = time;
                }
            }
            if (before != null && after != null) {
                gaps.add(Duration.between(before, after));
            }
        }
        return gaps;
    }

    private static Duration longestPause(List<Instant> times) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Duration pause = Duration.between(times.get(i - 1), times.get(i));
            if (pause.compareTo(longest) > 0) {
                longest = pause;
            }
        }
        return longest;
    }

    private static void report(int reloads, int intervalMillis, List<Duration> gaps, Duration steadyPause,
            List<Instant[]> windows) throws IOException {
        List<Long> micros = gaps.stream().map(gap -> gap.toNanos() / 1000).sorted().toList();
        List<Long> reloadMicros = windows.stream().map(w -> Duration.between(w[0], w[1]).toNanos() / 1000).sorted().toList();
        System.out.printf(Locale.ROOT, "reloads applied: %d, each restarting source `changing` (interval %d ms)%n",
                reloads, intervalMillis);
        System.out.printf(Locale.ROOT, "reload, asked to applied: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                reloadMicros.get(reloadMicros.size() / 2) / 1000.0, reloadMicros.get(reloadMicros.size() * 9 / 10) / 1000.0,
                reloadMicros.getLast() / 1000.0);
        System.out.printf(Locale.ROOT, "collection gap of the changed source (last reading before to first after):"
                + " median %.1f ms, p90 %.1f ms, max %.1f ms (%d gaps)%n", micros.get(micros.size() / 2) / 1000.0,
                micros.get(micros.size() * 9 / 10) / 1000.0, micros.getLast() / 1000.0, micros.size());
        System.out.printf(Locale.ROOT, "reference, the untouched source's longest pause in the same run: %.1f ms%n",
                steadyPause.toNanos() / 1e6);
        System.out.printf(Locale.ROOT, "median gap / interval: %.1f; untouched source's longest pause / interval: %.1f%n",
                micros.get(micros.size() / 2) / 1000.0 / intervalMillis, steadyPause.toNanos() / 1e6 / intervalMillis);
    }
}
