package dev.ferry.runtime.pipeline;

import dev.ferry.api.Deadline;
import dev.ferry.api.Health;
import dev.ferry.api.Nullable;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.log.LogStats;
import dev.ferry.runtime.health.HealthListener;
import dev.ferry.runtime.schedule.SourceStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The readings of an {@code agent} source: at each poll the log's depth and oldest reading's age, each sink's lag,
 * acknowledged entries, oldest unsent age and dead letters, each source's readings; and every health change since
 * the last poll, each as a reading {@code health} whose text value is the new state, tagged with the component and
 * the reason, at the time of the change.
 */
final class AgentFiguresSource implements PolledSource {

    /** Health changes kept between two polls at most; a storm beyond it keeps the newest. */
    private static final int MAX_PENDING_CHANGES = 1000;
    private static final int MAX_REASON = 200;

    private record Change(String component, Health health) {}

    private final Agent agent;
    private final Clock clock;
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    private final HealthListener listener = this::changed;
    private final String source;

    AgentFiguresSource(String source, Agent agent, Clock clock) {
        this.source = source;
        this.agent = agent;
        this.clock = clock;
        agent.health().addListener(listener);
    }

    private synchronized void changed(String component, @Nullable Health previous, Health current) {
        if (changes.size() == MAX_PENDING_CHANGES) {
            changes.removeFirst();
        }
        changes.addLast(new Change(component, current));
    }

    @Override
    public List<Reading> poll(Deadline deadline) {
        Instant now = clock.instant();
        List<Reading> readings = new ArrayList<>();
        for (Change change : drainChanges()) {
            if (change.component().equals("source " + source)) {
                continue;   // its own health would report itself at every poll
            }
            String reason = change.health().reason();
            readings.add(new Reading(source, "health", Value.of(change.health().state().name()), "", change.health().since(),
                    Map.of("component", change.component(), "reason",
                            reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…")));
        }
        LogStats log = agent.log().stats();
        readings.add(Reading.of(source, "log_readings", Value.of(log.retainedReadings()), "", now));
        readings.add(Reading.of(source, "log_bytes", Value.of(log.bytes()), "By", now));
        readings.add(Reading.of(source, "log_oldest_age", Value.of(log.oldestEntryAge() == null ? 0.0
                : log.oldestEntryAge().toMillis() / 1000.0), "s", now));
        for (SinkRunner sink : agent.sinks()) {
            SinkRunner.SinkStats stats = sink.stats();
            LogStats.CursorStats cursor = log.cursors().get(sink.name());
            Map<String, String> tags = Map.of("sink", sink.name());
            readings.add(new Reading(source, "sink_lag", Value.of(cursor == null ? 0 : cursor.lag()), "", now, tags));
            readings.add(new Reading(source, "sink_acknowledged", Value.of(stats.sentEntries()), "", now, tags));
            readings.add(new Reading(source, "sink_oldest_unsent_age", Value.of(cursor == null || cursor.oldestUnsentAge() == null
                    ? 0.0 : cursor.oldestUnsentAge().toMillis() / 1000.0), "s", now, tags));
            readings.add(new Reading(source, "sink_dead_letters", Value.of(stats.deadLetters()), "", now, tags));
        }
        for (Map.Entry<String, SourceStats> other : agent.sources().stats().entrySet()) {
            readings.add(new Reading(source, "source_readings", Value.of(other.getValue().readings()), "", now,
                    Map.of("source", other.getKey())));
        }
        return readings;
    }

    private synchronized List<Change> drainChanges() {
        List<Change> drained = new ArrayList<>(changes);
        changes.clear();
        return drained;
    }

    @Override
    public void close() {
        agent.health().removeListener(listener);
    }
}
