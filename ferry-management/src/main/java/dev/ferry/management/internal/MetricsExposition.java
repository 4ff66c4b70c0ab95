package dev.ferry.management.internal;

import dev.ferry.api.GapReason;
import dev.ferry.api.Health;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.log.LogStats;
import dev.ferry.management.UpdateStatus;
import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.runtime.pipeline.SinkRunner.SinkStats;
import dev.ferry.runtime.schedule.SourceStats;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /metrics}: the snapshot in the Prometheus text format, or OpenMetrics when the scraper asks for it, written
 * by the official Prometheus client's exposition writers (the format's escaping and naming rules are subtle). Names
 * follow Prometheus's rules: a {@code ferry_} prefix, base units in the name, {@code _total} on counters; labels
 * {@code source}, {@code sink}, {@code reason}, {@code component}, {@code state}.
 */
public final class MetricsExposition {

    private MetricsExposition() {}

    /** Writes the metrics in the format the {@code Accept} header asks for; returns the content type written. */
    public static String write(Snapshot s, Map<String, Long> refusedRequests, String accept, OutputStream out)
            throws IOException {
        MetricSnapshots snapshots = new MetricSnapshots(collect(s, refusedRequests));
        if (accept != null && accept.contains("application/openmetrics-text")) {
            OpenMetricsTextFormatWriter writer = OpenMetricsTextFormatWriter.create();
            writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
            return writer.getContentType();
        }
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return writer.getContentType();
    }

    static List<MetricSnapshot> collect(Snapshot s, Map<String, Long> refusedRequests) {
        MetricFamilies f = new MetricFamilies();
        refusedRequests.forEach((reason, count) -> f.counter("ferry_management_refused_requests",
                "Requests to the management endpoint refused for want of a valid token, by reason.", count, "reason", reason));
        sources(f, s);
        sinks(f, s);
        log(f, s.log());
        health(f, s.health());
        process(f, s);
        reloads(f, s);
        update(f, s.update());
        for (PluginMetricsRegistry.Series series : s.pluginSeries()) {
            Labels labels = Labels.of(List.copyOf(series.labels().keySet()), List.copyOf(series.labels().values()));
            if (series.kind() == PluginMetricsRegistry.Kind.COUNTER) {
                f.counter(series.family(), series.help(), series.value(), labels);
            } else {
                f.gauge(series.family(), series.help(), series.value(), labels);
            }
        }
        List<MetricSnapshot> all = new ArrayList<>(f.snapshots());
        all.add(MetricFamilies.histogram("ferry_log_commit_duration_seconds",
                "Time a group commit of the log took, write and fsync.", s.log().commitSeconds()));
        all.add(MetricFamilies.histogram("ferry_log_commit_readings", "Readings in one group commit of the log.",
                s.log().commitReadings()));
        all.add(MetricFamilies.info("ferry_build", "Ferry's version and the Java runtime it runs on.", "version",
                s.facts().version(), "java", Runtime.version().toString(), "agent", s.facts().agentId()));
        return all;
    }

    private static void sources(MetricFamilies f, Snapshot s) {
        for (Map.Entry<String, SourceStats> entry : s.sources().entrySet()) {
            String name = entry.getKey();
            SourceStats stats = entry.getValue();
            f.counter("ferry_source_readings", "Readings a source handed to the log.", stats.readings(), "source", name);
            f.counter("ferry_source_reads", "Reads a source started (a streaming source: its pushes).", stats.reads(), "source", name);
            f.counter("ferry_source_read_failures", "Reads that failed, by kind: transient (I/O, unexpected), malformed,"
                    + " timeout, skipped (the previous read still ran).", stats.transientErrors(), "source", name, "kind", "transient");
            f.counter("ferry_source_read_failures", "", stats.malformed(), "source", name, "kind", "malformed");
            f.counter("ferry_source_read_failures", "", stats.timeouts(), "source", name, "kind", "timeout");
            f.counter("ferry_source_read_failures", "", stats.skipped(), "source", name, "kind", "skipped");
            f.counter("ferry_source_append_failures", "Batches of readings the log refused.", stats.appendFailures(), "source", name);
            f.counter("ferry_source_quarantines", "Times a source was quarantined for a run of malformed data.",
                    stats.quarantines(), "source", name);
            if (stats.lastReadingTime() != null) {
                f.gauge("ferry_source_last_reading_timestamp_seconds", "Measured time of a source's newest reading.",
                        stats.lastReadingTime().toEpochMilli() / 1000.0, "source", name);
            }
        }
    }

    private static void sinks(MetricFamilies f, Snapshot s) {
        for (Map.Entry<String, SinkStats> entry : s.sinks().entrySet()) {
            String name = entry.getKey();
            SinkStats stats = entry.getValue();
            f.counter("ferry_sink_acknowledged_readings", "Log entries the far end acknowledged (replays not included).",
                    stats.sentEntries(), "sink", name);
            stats.refusedByCode().forEach((code, count) -> f.counter("ferry_sink_refused_readings",
                    "Entries the far end refused for good, by reason.", count, "sink", name, "reason", code));
            f.gauge("ferry_sink_dead_letters", "Dead letters the sink's store holds.", stats.deadLetters(), "sink", name);
            f.counter("ferry_sink_dead_letters_evicted", "Dead letters deleted over the store's size limit.",
                    stats.deadLettersEvicted(), "sink", name);
            f.counter("ferry_sink_replayed_readings", "Dead letters sent again and accepted.", stats.replayedEntries(), "sink", name);
            f.counter("ferry_sink_send_failures", "Sends that failed and were retried (connection lost, timeout, 5.xx).",
                    stats.failedSends(), "sink", name);
            f.counter("ferry_sink_connects", "Times the sink connected (opened), the first included.", stats.opens(), "sink", name);
            f.gauge("ferry_sink_batches_in_flight", "Batches sent and not yet answered.", stats.batchesInFlight(), "sink", name);
            f.gauge("ferry_sink_lag_readings", "Readings in the log the sink has not had acknowledged.", s.lag(name), "sink", name);
            f.gauge("ferry_sink_lag_bytes", "The sink's lag in bytes of the log, estimated from the average record size.",
                    s.lagBytes(name), "sink", name);
            Duration oldest = s.oldestUnsentAge(name);
            f.gauge("ferry_sink_oldest_unsent_age_seconds", "Age of the oldest reading the sink has not had acknowledged"
                    + " (0 when it has everything).", oldest == null ? 0 : oldest.toMillis() / 1000.0, "sink", name);
            Duration drain = s.drainEstimate(name);
            if (drain != null) {
                f.gauge("ferry_sink_drain_estimate_seconds", "Lag divided by the recent acknowledgement rate.",
                        drain.toMillis() / 1000.0, "sink", name);
            }
        }
    }

    private static void log(MetricFamilies f, LogStats log) {
        f.counter("ferry_log_appended_readings", "Readings committed to the log since the agent started.", log.appendedReadings());
        f.counter("ferry_log_commits", "Group commits (fsyncs) since the agent started.", log.commits());
        f.gauge("ferry_log_readings", "Readings the log holds.", log.retainedReadings());
        f.gauge("ferry_log_size_bytes", "Bytes of the log's segment files on disk.", log.bytes());
        f.gauge("ferry_log_segments", "Segment files of the log.", log.segments());
        f.gauge("ferry_log_oldest_age_seconds", "Age of the oldest reading the log holds (0 when empty).",
                log.oldestEntryAge() == null ? 0 : log.oldestEntryAge().toMillis() / 1000.0);
        for (GapReason reason : GapReason.values()) {
            f.counter("ferry_log_evicted_readings", "Readings the log gave up before every sink had them, by reason.",
                    log.evicted(reason), "reason", reason.label());
        }
        f.counter("ferry_log_corrupt_ranges", "Damaged ranges of records found.", log.corruptionsFound());
        f.counter("ferry_log_disk_full", "Writes that failed for lack of disk space.", log.diskFullEvents());
    }

    private static void reloads(MetricFamilies f, Snapshot s) {
        s.reloads().forEach((result, count) -> f.counter("ferry_config_reloads", "Config reloads, by result: applied,"
                + " unchanged, refused (invalid, or needs a restart), rolled_back (a new component could not start).",
                count, "result", result.label()));
        ReloadOutcome last = s.lastReload();
        if (last != null) {
            boolean good = last.result() == ReloadOutcome.Result.APPLIED || last.result() == ReloadOutcome.Result.UNCHANGED;
            f.gauge("ferry_config_last_reload_successful", "1 when the newest reload ran the file's config, 0 when it was"
                    + " refused or rolled back (the agent runs an older config than the file).", good ? 1 : 0);
            f.gauge("ferry_config_last_reload_timestamp_seconds", "When the newest reload was asked for.",
                    last.at().toEpochMilli() / 1000.0);
        }
    }

    private static void update(MetricFamilies f, @Nullable UpdateStatus update) {
        if (update == null) {
            return;
        }
        for (String phase : UpdateStatus.PHASES) {
            f.gauge("ferry_update_phase", "1 for the phase the self-update is in: idle, downloading, verifying, staged,"
                    + " switching, probation, or how the last one ended: committed, rolled_back, failed.",
                    phase.equals(update.phase()) ? 1 : 0, "phase", phase);
        }
        f.gauge("ferry_update_phase_since_timestamp_seconds", "When the self-update entered its phase.",
                update.since().toEpochMilli() / 1000.0);
        f.gauge("ferry_update_download_received_bytes", "Bytes of the bundle downloaded so far.", update.received());
        f.gauge("ferry_update_rolled_back_versions", "Versions rolled back, not tried again unless asked for.",
                update.rolledBack().size());
    }

    /** One series per component and state, 1 for its current state: Prometheus's usual shape for a state. */
    private static void health(MetricFamilies f, Map<String, Health> health) {
        health.forEach((component, h) -> {
            for (HealthState state : HealthState.values()) {
                f.gauge("ferry_component_state", "1 for a component's current health state, 0 for the others.",
                        h.state() == state ? 1 : 0, "component", component, "state", state.name());
            }
        });
    }

    private static void process(MetricFamilies f, Snapshot s) {
        ProcessFigures p = s.process();
        if (p.residentBytes() >= 0) {
            f.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", p.residentBytes());
        }
        if (p.cpuSeconds() >= 0) {
            f.counter("process_cpu_seconds", "Total user and system CPU time spent in seconds.", p.cpuSeconds());
        }
        if (p.openFiles() >= 0) {
            f.gauge("process_open_fds", "Number of open file descriptors.", p.openFiles());
        }
        if (p.threads() >= 0) {
            f.gauge("process_threads", "Threads of the process.", p.threads());
        }
        f.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
                s.facts().started().toEpochMilli() / 1000.0);
        f.gauge("ferry_uptime_seconds", "Seconds since the agent started.", s.uptime().toMillis() / 1000.0);
        f.gauge("jvm_memory_heap_used_bytes", "Heap in use.", p.heapUsedBytes());
        f.gauge("jvm_memory_heap_committed_bytes", "Heap committed.", p.heapCommittedBytes());
        f.gauge("jvm_memory_heap_max_bytes", "Largest heap allowed.", p.heapMaxBytes());
        for (ProcessFigures.Collector gc : p.collectors()) {
            f.counter("jvm_gc_collections", "Garbage collections, by collector.", gc.collections(), "gc", gc.name());
            f.counter("jvm_gc_collection_seconds", "Time spent in garbage collections, by collector.", gc.seconds(), "gc", gc.name());
        }
    }
}
