package dev.ferry.management.internal;

import dev.ferry.api.GapReason;
import dev.ferry.api.Health;
import dev.ferry.api.Nullable;
import dev.ferry.log.LogStats;
import dev.ferry.management.UpdateStatus;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.runtime.pipeline.SinkRunner.SinkStats;
import dev.ferry.runtime.schedule.SourceStats;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /status} as JSON: the agent, readiness, the log's figures, and every source and sink with its state,
 * reason, since-when and counters. Field names are snake_case and durations are seconds; the format is public (the
 * dashboard and {@code ferry status} read it), so changes are breaking changes.
 */
public final class StatusJson {

    private StatusJson() {}

    public static void write(Snapshot s, List<String> readyRequires, OutputStream out) throws IOException {
        try (JsonWriter json = new JsonWriter(out)) {
            json.writeStartObject();
            agent(json, s);
            Map<String, Health> notReady = Readiness.notReady(s.health(), s.taken(), readyRequires);
            json.writeBooleanField("ready", notReady.isEmpty());
            notReady(json, notReady);
            log(json, s.log(), s.appendProblem());
            sources(json, s);
            sinks(json, s);
            process(json, s.process());
            if (s.update() != null) {
                update(json, s.update());
            }
            json.writeEndObject();
        }
    }

    private static void agent(JsonWriter json, Snapshot s) throws IOException {
        json.writeObjectFieldStart("agent");
        json.writeStringField("id", s.facts().agentId());
        json.writeStringField("version", s.facts().version());
        json.writeStringField("started", s.facts().started().toString());
        json.writeNumberField("uptime_seconds", s.uptime().toMillis() / 1000.0);
        json.writeBooleanField("running", s.running());
        json.writeObjectFieldStart("config");
        json.writeStringField("file", s.facts().configFile().toString());
        json.writeStringField("sha256", s.facts().configSha256());
        json.writeStringField("origin", s.facts().configOrigin());
        json.writeObjectFieldStart("reloads");
        for (Map.Entry<ReloadOutcome.Result, Long> count : s.reloads().entrySet()) {
            json.writeNumberField(count.getKey().label(), count.getValue());
        }
        json.writeEndObject();
        json.writeFieldName("last_reload");
        if (s.lastReload() == null) {
            json.writeNull();
        } else {
            reload(json, s.lastReload());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void update(JsonWriter json, UpdateStatus update) throws IOException {
        json.writeObjectFieldStart("update");
        json.writeStringField("phase", update.phase());
        json.writeStringField("target", update.target());
        json.writeStringField("previous", update.previous());
        json.writeStringField("since", update.since().toString());
        json.writeStringField("reason", update.reason());
        json.writeNumberField("received_bytes", update.received());
        json.writeNumberField("total_bytes", update.total());
        json.writeArrayFieldStart("rolled_back");
        for (String version : update.rolledBack()) {
            json.writeString(version);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** A reload's outcome as {@code POST /reload} answers it and {@code /status} shows the last one. */
    public static void reload(JsonWriter json, ReloadOutcome outcome) throws IOException {
        json.writeStartObject();
        json.writeStringField("result", outcome.result().label());
        json.writeStringField("trigger", outcome.trigger());
        json.writeStringField("at", outcome.at().toString());
        json.writeStringField("changes", outcome.changes());
        json.writeArrayFieldStart("messages");
        for (String message : outcome.messages()) {
            json.writeString(message);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** {@code "not_ready":{...}}: each component that keeps the agent from being ready, with state, reason and since. */
    public static void notReady(JsonWriter json, Map<String, Health> notReady) throws IOException {
        json.writeObjectFieldStart("not_ready");
        for (Map.Entry<String, Health> component : notReady.entrySet()) {
            json.writeFieldName(component.getKey());
            health(json, component.getValue());
        }
        json.writeEndObject();
    }

    private static void health(JsonWriter json, @Nullable Health health) throws IOException {
        json.writeStartObject();
        healthFields(json, health);
        json.writeEndObject();
    }

    private static void log(JsonWriter json, LogStats log, @Nullable String appendProblem) throws IOException {
        json.writeObjectFieldStart("log");
        json.writeNumberField("readings", log.retainedReadings());
        json.writeNumberField("bytes", log.bytes());
        json.writeNumberField("segments", log.segments());
        json.writeNumberField("first_seq", log.firstSeq());
        json.writeNumberField("next_seq", log.nextSeq());
        seconds(json, "oldest_age_seconds", log.oldestEntryAge());
        json.writeNumberField("appended", log.appendedReadings());
        json.writeNumberField("commits", log.commits());
        json.writeObjectFieldStart("evicted");
        for (GapReason reason : GapReason.values()) {
            json.writeNumberField(reason.label(), log.evicted(reason));
        }
        json.writeEndObject();
        json.writeNumberField("corrupt_ranges", log.corruptionsFound());
        json.writeNumberField("disk_full_events", log.diskFullEvents());
        json.writeStringField("append_problem", appendProblem);
        json.writeEndObject();
    }

    private static void sources(JsonWriter json, Snapshot s) throws IOException {
        json.writeObjectFieldStart("sources");
        for (Map.Entry<String, SourceStats> source : s.sources().entrySet()) {
            SourceStats stats = source.getValue();
            json.writeObjectFieldStart(source.getKey());
            healthFields(json, s.sourceHealth(source.getKey()));
            json.writeNumberField("reads", stats.reads());
            json.writeNumberField("readings", stats.readings());
            json.writeNumberField("transient_errors", stats.transientErrors());
            json.writeNumberField("timeouts", stats.timeouts());
            json.writeNumberField("malformed", stats.malformed());
            json.writeNumberField("skipped", stats.skipped());
            json.writeNumberField("append_failures", stats.appendFailures());
            json.writeNumberField("quarantines", stats.quarantines());
            json.writeStringField("last_reading_time", stats.lastReadingTime() == null ? null : stats.lastReadingTime().toString());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void sinks(JsonWriter json, Snapshot s) throws IOException {
        json.writeObjectFieldStart("sinks");
        for (Map.Entry<String, SinkStats> sink : s.sinks().entrySet()) {
            String name = sink.getKey();
            SinkStats stats = sink.getValue();
            json.writeObjectFieldStart(name);
            healthFields(json, s.sinkHealth(name));
            json.writeNumberField("acknowledged", stats.sentEntries());
            json.writeNumberField("send_failures", stats.failedSends());
            json.writeNumberField("connects", stats.opens());
            json.writeNumberField("batches_in_flight", stats.batchesInFlight());
            json.writeNumberField("refused", stats.refusedEntries());
            json.writeObjectFieldStart("refused_by_code");
            for (Map.Entry<String, Long> code : stats.refusedByCode().entrySet()) {
                json.writeNumberField(code.getKey(), code.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("dead_letters", stats.deadLetters());
            json.writeNumberField("dead_letters_evicted", stats.deadLettersEvicted());
            json.writeNumberField("replayed", stats.replayedEntries());
            json.writeNumberField("lag_readings", s.lag(name));
            json.writeNumberField("lag_bytes", s.lagBytes(name));
            seconds(json, "oldest_unsent_age_seconds", s.oldestUnsentAge(name));
            Double rate = s.sinkRates().get(name);
            if (rate == null) {
                json.writeNullField("acknowledged_per_second");
            } else {
                json.writeNumberField("acknowledged_per_second", rate);
            }
            seconds(json, "drain_estimate_seconds", s.drainEstimate(name));
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void process(JsonWriter json, ProcessFigures process) throws IOException {
        json.writeObjectFieldStart("process");
        json.writeNumberField("rss_bytes", process.residentBytes());
        json.writeNumberField("heap_used_bytes", process.heapUsedBytes());
        json.writeNumberField("threads", process.threads());
        json.writeNumberField("cpu_seconds", process.cpuSeconds());
        json.writeNumberField("open_files", process.openFiles());
        json.writeEndObject();
    }

    private static void healthFields(JsonWriter json, @Nullable Health health) throws IOException {
        json.writeStringField("state", health == null ? "UNKNOWN" : health.state().name());
        json.writeStringField("reason", health == null ? "" : health.reason());
        json.writeStringField("since", health == null ? null : health.since().toString());
    }

    private static void seconds(JsonWriter json, String field, @Nullable Duration duration) throws IOException {
        if (duration == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, duration.toMillis() / 1000.0);
        }
    }

}
