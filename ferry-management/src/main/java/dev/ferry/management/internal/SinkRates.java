package dev.ferry.management.internal;

import dev.ferry.runtime.pipeline.SinkRunner.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Each sink's recent acknowledgement rate, from the counts seen at successive looks (scrapes, status requests, the
 * dashboard's samples): the rate over the last minute or so, so that a drain estimate follows what the sink does
 * now, not since start. Thread-safe; memory bounded by a few samples per sink.
 */
public final class SinkRates {

    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration MIN_SPACING = Duration.ofSeconds(1);
    private static final int MAX_SAMPLES = 64;

    private record Sample(Instant at, long acknowledged) {}

    private final Map<String, ArrayDeque<Sample>> samples = new HashMap<>();

    /** Records this look and returns each sink's rate in readings a second, for sinks seen at least twice. */
    synchronized Map<String, Double> update(Instant now, Map<String, SinkStats> sinks) {
        Map<String, Double> rates = new HashMap<>();
        samples.keySet().retainAll(sinks.keySet());
        sinks.forEach((name, stats) -> {
            ArrayDeque<Sample> history = samples.computeIfAbsent(name, n -> new ArrayDeque<>());
            long acknowledged = stats.sentEntries() + stats.replayedEntries();
            Sample last = history.peekLast();
            if (last == null || !now.isBefore(last.at().plus(MIN_SPACING))) {
                history.addLast(new Sample(now, acknowledged));
            }
            while (history.size() > 2 && (history.size() > MAX_SAMPLES || history.peekFirst().at().isBefore(now.minus(WINDOW)))) {
                history.removeFirst();
            }
            Sample first = history.peekFirst();
            double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
            if (seconds > 0) {
                rates.put(name, (acknowledged - first.acknowledged()) / seconds);
            }
        });
        return rates;
    }
}
