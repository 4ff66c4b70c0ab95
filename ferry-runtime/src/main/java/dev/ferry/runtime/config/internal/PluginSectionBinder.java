package dev.ferry.runtime.config.internal;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.api.net.ServedPort;
import dev.ferry.runtime.plugin.PluginLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds {@code sources:} or {@code sinks:}, a map of named sections. Each section is split: the keys every
 * source (or sink) has go to the settings record, the rest to the config record of the plugin its
 * {@code type:} names; a key neither knows is refused.
 */
final class PluginSectionBinder<P> {

    /** One named section, bound. */
    record Bound<P>(String name, Record settings, Record config, P provider) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Binder binder;
    private final PluginKind<P> kind;
    /** Set for a check: the files each section names are read too. */
    private final @Nullable Function<String, Path> files;
    /** Set for a check while no agent runs on the config's data: the ports servers will listen on are tried too. */
    private final boolean checkPorts;

    PluginSectionBinder(Binder binder, PluginKind<P> kind, @Nullable Function<String, Path> files, boolean checkPorts) {
        this.binder = binder;
        this.kind = kind;
        this.files = files;
        this.checkPorts = checkPorts;
    }

    /**
     * Binds every section under {@code entry}; those with problems are reported and left out.
     *
     * @param entry the {@code sources:} entry of the file, null when there is none
     * @param sectionKey {@code sources} or {@code sinks}
     * @param top where to report that the entry is missing
     */
    List<Bound<P>> bindAll(@Nullable ConfigEntry entry, String sectionKey, Origin top) {
        Problems problems = binder.problems();
        String noneMessage = "at least one " + kind.noun() + " is required; add a named section with a type"
                + " (known types: " + String.join(", ", kind.knownTypes()) + ")";
        if (entry == null || (entry.value() instanceof ConfigScalar scalar && scalar.isNull())) {
            problems.add(entry == null ? top : entry.keyOrigin(), sectionKey, noneMessage);
            return List.of();
        }
        if (!(entry.value() instanceof ConfigMap sections)) {
            problems.add(entry.value().origin(), sectionKey,
                    "expected a section of named " + kind.noun() + "s, got " + entry.value().describe());
            return List.of();
        }
        if (sections.entries().isEmpty()) {
            problems.add(entry.keyOrigin(), sectionKey, noneMessage);
        }
        List<Bound<P>> bound = new ArrayList<>();
        for (ConfigEntry section : sections.entries()) {
            Bound<P> one = bindOne(section, Problems.path(sectionKey, section.key()));
            if (one != null) {
                bound.add(one);
            }
        }
        return bound;
    }

    private @Nullable Bound<P> bindOne(ConfigEntry section, String path) {
        Problems problems = binder.problems();
        boolean validName = NAME.matcher(section.key()).matches();
        if (!validName) {
            problems.add(section.keyOrigin(), path, "a " + kind.noun() + " name may only hold letters, digits, '_' and '-'");
        }
        if (!(section.value() instanceof ConfigMap map)) {
            problems.add(section.value().origin(), path, "expected a section with type: and the " + kind.noun()
                    + "'s keys, got " + section.value().describe());
            return null;
        }
        P provider = provider(map, path, section.keyOrigin());
        if (provider == null) {
            return null;
        }
        List<String> commonKeys = RecordBinder.keysOf(kind.settingsType());
        List<String> pluginKeys = RecordBinder.keysOf(kind.configType(provider));
        List<ConfigEntry> common = new ArrayList<>();
        List<ConfigEntry> own = new ArrayList<>();
        boolean unknownKeys = false;
        for (ConfigEntry entry : map.entries()) {
            // A key both know (a plugin may want its interval, say) goes to both.
            if (commonKeys.contains(entry.key())) {
                common.add(entry);
            }
            if (pluginKeys.contains(entry.key())) {
                own.add(entry);
            }
            if (!commonKeys.contains(entry.key()) && !pluginKeys.contains(entry.key())) {
                Set<String> known = new LinkedHashSet<>(commonKeys);
                known.addAll(pluginKeys);
                problems.add(entry.keyOrigin(), Problems.path(path, entry.key()),
                        RecordBinder.unknownKey(entry.key(), List.copyOf(known)));
                unknownKeys = true;
            }
        }
        int before = problems.count();
        Record settings = binder.bindRecord(new ConfigMap(map.origin(), common), kind.settingsType(), path, section.keyOrigin());
        Record config = binder.bindRecord(new ConfigMap(map.origin(), own), kind.configType(provider), path, section.keyOrigin());
        List<String> failed = relativeKeys(problems.keysSince(before), path);
        // A key with a bad value does not hide the rules across keys: they are checked on a stand-in section that
        // takes the defaults for the bad keys, and what they find at those keys is left out (already reported).
        Record checkedSettings = settings != null ? settings : standIn(common, failed, kind.settingsType(), path, map, section);
        Record checkedConfig = config != null ? config : standIn(own, failed, kind.configType(provider), path, map, section);
        List<ConfigProblem> found = new ArrayList<>();
        if (checkedSettings != null) {
            found.addAll(kind.validateSettings(provider, checkedSettings));
        }
        if (checkedConfig != null) {
            found.addAll(kind.validate(provider, checkedConfig));
        }
        if (files != null && checkedConfig != null) {
            found.addAll(kind.checkFiles(provider, checkedConfig, files));
        }
        if (checkPorts && checkedConfig != null) {
            for (ServedPort port : kind.servedPorts(provider, checkedConfig)) {
                String problem = port.problem();
                if (problem != null) {
                    found.add(new ConfigProblem(port.key(), problem));
                }
            }
        }
        found.removeIf(problem -> failed.stream().anyMatch(key -> concerns(problem, key)));
        boolean valid = settings != null && config != null && !unknownKeys && validName;
        for (ConfigProblem problem : found) {
            problems.add(NodeLookup.originOf(map, problem.key(), section.keyOrigin()), Problems.path(path, problem.key()),
                    problem.message());
        }
        return valid && found.isEmpty() ? new Bound<>(section.key(), settings, config, provider) : null;
    }

    /**
     * Whether a problem found on a stand-in is about a key already reported as bad: at that key, or a rule that
     * names it (a stand-in without the bad {@code psk} would be told it needs a {@code psk}).
     */
    private static boolean concerns(ConfigProblem problem, String failedKey) {
        String top = failedKey.contains(".") ? failedKey.substring(0, failedKey.indexOf('.')) : failedKey;
        return problem.key().equals(failedKey) || problem.key().startsWith(failedKey + ".")
                || Pattern.compile("\\b" + Pattern.quote(top) + "\\b").matcher(problem.message()).find();
    }

    /** {@code sinks.cloud.qos} under {@code sinks.cloud}: {@code qos}; keys of other sections are left out. */
    private static List<String> relativeKeys(List<String> keyPaths, String path) {
        List<String> relative = new ArrayList<>();
        for (String keyPath : keyPaths) {
            if (keyPath.startsWith(path + ".")) {
                relative.add(keyPath.substring(path.length() + 1));
            }
        }
        return relative;
    }

    /** The section bound without its bad keys, quietly; null when it cannot be bound even so. */
    private @Nullable Record standIn(List<ConfigEntry> entries, List<String> failed, Class<? extends Record> type,
            String path, ConfigMap map, ConfigEntry section) {
        List<ConfigEntry> good = entries.stream()
                .filter(entry -> failed.stream().noneMatch(key -> key.equals(entry.key()) || key.startsWith(entry.key() + ".")))
                .toList();
        return binder.silent().bindRecord(new ConfigMap(map.origin(), good), type, path, section.keyOrigin());
    }

    /** The plugin the section's {@code type:} names; null when it names none (reported). */
    private @Nullable P provider(ConfigMap map, String path, Origin namedAt) {
        String typePath = Problems.path(path, "type");
        String known = "known types: " + String.join(", ", kind.knownTypes());
        ConfigEntry typeEntry = map.entry("type");
        if (typeEntry == null) {
            binder.problems().add(namedAt, typePath, "missing required key; " + known);
            return null;
        }
        Object type = binder.bind(typeEntry.value(), String.class, typePath, typeEntry.keyOrigin());
        if (type == null) {
            return null;
        }
        P provider;
        try {
            provider = kind.provider((String) type);
        } catch (PluginLoadException e) {
            binder.problems().add(typeEntry.value().origin(), typePath, e.getMessage());
            return null;
        }
        if (provider == null) {
            String suggestion = Suggestions.closest((String) type, kind.knownTypes());
            binder.problems().add(typeEntry.value().origin(), typePath, "unknown " + kind.noun() + " type \"" + type + "\"; "
                    + (suggestion == null ? "" : "did you mean `" + suggestion + "`? ") + known);
        }
        return provider;
    }
}
