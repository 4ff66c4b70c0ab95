package dev.ferry.runtime.pipeline;

import dev.ferry.log.LogOptions;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a new config changes against the running one, component by component: a source or sink is changed when its
 * type, common settings or plugin keys differ, and left alone otherwise. Some changes cannot be made while the agent
 * runs; {@link #needRestart()} says which and why.
 *
 * @param needRestart one message per change only a restart can make, as {@code key: reason}
 */
public record ConfigChanges(List<String> sourcesAdded, List<String> sourcesRemoved, List<String> sourcesChanged,
        List<String> sinksAdded, List<String> sinksRemoved, List<String> sinksChanged, boolean retentionChanged,
        List<String> needRestart) {

    public static ConfigChanges between(LoadedConfig running, LoadedConfig next) {
        List<String> needRestart = new ArrayList<>();
        if (!running.agentId().equals(next.agentId())) {
            needRestart.add("agent.id: the readings stored carry the agent's id; changing it needs a restart");
        }
        if (!running.dataDir().equals(next.dataDir())) {
            needRestart.add("agent.data_dir: the log and the sinks' positions live there; moving it needs a restart");
        }
        if (running.logLevel() != next.logLevel()) {
            needRestart.add("agent.log_level: the level is set as the agent starts; changing it needs a restart");
        }
        if (!running.management().equals(next.management())) {
            needRestart.add("management: the endpoint is set up as the agent starts; changing it needs a restart");
        }
        if (!Objects.equals(running.control(), next.control())) {
            needRestart.add("control: the channel for remote config is set up as the agent starts; changing it needs a"
                    + " restart");
        }
        LogOptions was = running.log();
        LogOptions now = next.log();
        if (!was.segmentSize().equals(now.segmentSize())) {
            needRestart.add("log.segment_size: needs a restart (max_bytes, max_age and overflow apply at once)");
        }
        if (!was.commitInterval().equals(now.commitInterval())) {
            needRestart.add("log.commit_interval: needs a restart (max_bytes, max_age and overflow apply at once)");
        }
        if (!was.cursorFlushInterval().equals(now.cursorFlushInterval())) {
            needRestart.add("log.cursor_flush_interval: needs a restart (max_bytes, max_age and overflow apply at once)");
        }
        boolean retention = !was.maxBytes().equals(now.maxBytes()) || !was.maxAge().equals(now.maxAge())
                || was.overflow() != now.overflow();
        Diff sources = Diff.of(byName(running.sources(), ConfiguredSource::name), byName(next.sources(), ConfiguredSource::name),
                ConfigChanges::sameSource);
        Diff sinks = Diff.of(byName(running.sinks(), ConfiguredSink::name), byName(next.sinks(), ConfiguredSink::name),
                ConfigChanges::sameSink);
        return new ConfigChanges(sources.added, sources.removed, sources.changed, sinks.added, sinks.removed, sinks.changed,
                retention, List.copyOf(needRestart));
    }

    /** True when nothing at all differs. */
    public boolean none() {
        return sourcesAdded.isEmpty() && sourcesRemoved.isEmpty() && sourcesChanged.isEmpty() && sinksAdded.isEmpty()
                && sinksRemoved.isEmpty() && sinksChanged.isEmpty() && !retentionChanged && needRestart.isEmpty();
    }

    /** The components started, stopped or restarted, for log lines and the reload's report. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        part(parts, "sources added", sourcesAdded);
        part(parts, "sources removed", sourcesRemoved);
        part(parts, "sources restarted", sourcesChanged);
        part(parts, "sinks added", sinksAdded);
        part(parts, "sinks removed", sinksRemoved);
        part(parts, "sinks restarted", sinksChanged);
        if (retentionChanged) {
            parts.add("log retention");
        }
        return parts.isEmpty() ? "nothing changed" : String.join("; ", parts);
    }

    private static void part(List<String> parts, String what, List<String> names) {
        if (!names.isEmpty()) {
            parts.add(what + ": " + String.join(", ", names));
        }
    }

    /**
     * The same source: the provider compared by its type and class rather than by instance, so that a config loaded
     * again with the same plugins compares equal.
     */
    private static boolean sameSource(ConfiguredSource a, ConfiguredSource b) {
        return a.settings().equals(b.settings()) && a.config().equals(b.config())
                && sameProvider(a.provider().type(), a.provider().getClass(), b.provider().type(), b.provider().getClass());
    }

    private static boolean sameSink(ConfiguredSink a, ConfiguredSink b) {
        return a.settings().equals(b.settings()) && a.config().equals(b.config())
                && sameProvider(a.provider().type(), a.provider().getClass(), b.provider().type(), b.provider().getClass());
    }

    private static boolean sameProvider(String typeA, Class<?> classA, String typeB, Class<?> classB) {
        return typeA.equals(typeB) && classA == classB;
    }

    private static <T> Map<String, T> byName(List<T> components, java.util.function.Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        components.forEach(component -> byName.put(name.apply(component), component));
        return byName;
    }

    private record Diff(List<String> added, List<String> removed, List<String> changed) {

        static <T> Diff of(Map<String, T> before, Map<String, T> after, java.util.function.BiPredicate<T, T> same) {
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            before.forEach((name, component) -> {
                T next = after.get(name);
                if (next == null) {
                    removed.add(name);
                } else if (!same.test(component, next)) {
                    changed.add(name);
                }
            });
            after.keySet().stream().filter(name -> !before.containsKey(name)).forEach(added::add);
            return new Diff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
        }
    }
}
