package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.SinkProvider;
import dev.ferry.runtime.config.AuthRules;
import dev.ferry.runtime.config.ControlSettings;
import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/** The rules of the {@code control:} section that its keys alone do not state. */
final class ControlChecks {

    private ControlChecks() {}

    /** @param files resolves a configured path when the files named are to be read; null when not */
    static void check(ControlSettings control, ConfigMap root, PluginRegistry registry, Problems problems,
            @Nullable Function<String, Path> files) {
        String sinkProblem = sinkProblem(control.sink(), root, registry);
        if (sinkProblem != null) {
            problems.add(NodeLookup.originOf(root, "control.sink", root.origin()), "control.sink", sinkProblem);
        }
        if (control.requireSigned() && control.trustedKeys().isEmpty()) {
            problems.add(NodeLookup.originOf(root, "control.trusted_keys", root.origin()), "control.trusted_keys",
                    "names no key, so no desired config could be accepted; list the PEM files of the operators' public"
                            + " keys, or set require_signed: false");
        }
        if (files == null) {
            return;
        }
        AuthRules rules = ServiceLoader.load(AuthRules.class, ControlChecks.class.getClassLoader()).findFirst().orElse(null);
        for (int i = 0; i < control.trustedKeys().size(); i++) {
            String key = "control.trusted_keys." + i;
            Path file = files.apply(control.trustedKeys().get(i));
            String problem = !java.nio.file.Files.isReadable(file) ? "no such file: " + file
                    : rules == null ? null : rules.signingKeyProblem(file);
            if (problem != null) {
                problems.add(NodeLookup.originOf(root, key, root.origin()), key, problem);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String topic : List.of(control.desiredTopic(), control.reportedTopic(), control.updateDesiredTopic(),
                control.updateReportedTopic())) {
            if (topic.contains("#") || topic.contains("+")) {
                unknown.add(topic);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(NodeLookup.originOf(root, "control", root.origin()), "control",
                    "a topic must not hold the wildcards + or #: " + String.join(", ", unknown));
        }
    }

    /** Why {@code name} cannot carry commands: no such sink, or one whose type cannot. Null when it can. */
    private static @Nullable String sinkProblem(String name, ConfigMap root, PluginRegistry registry) {
        ConfigEntry sinks = root.entry("sinks");
        ConfigEntry section = sinks != null && sinks.value() instanceof ConfigMap map ? map.entry(name) : null;
        if (section == null) {
            List<String> names = sinks != null && sinks.value() instanceof ConfigMap map
                    ? map.entries().stream().map(ConfigEntry::key).toList() : List.of();
            return "there is no sink named " + name + (names.isEmpty() ? "" : "; the sinks are " + String.join(", ", names));
        }
        if (!(section.value() instanceof ConfigMap map) || !(map.entry("type") instanceof ConfigEntry type)
                || !(type.value() instanceof ConfigScalar scalar)) {
            return null;   // the sink's own section reports what is wrong with it
        }
        try {
            SinkProvider<?> provider = registry.sink(scalar.text());
            if (provider != null && !provider.carriesControl()) {
                return "sink " + name + " is of type " + scalar.text() + ", whose connection cannot carry commands;"
                        + " name an mqtt sink";
            }
        } catch (PluginLoadException e) {
            return null;   // reported at the sink
        }
        return null;
    }
}
