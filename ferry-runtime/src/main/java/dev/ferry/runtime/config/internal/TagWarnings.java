package dev.ferry.runtime.config.internal;

import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.config.ConfiguredSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Warns about a sink that expects a tag (a topic's {@code {tag:NAME}}) that some source does not guarantee: a
 * source guarantees the tags configured in its {@code tags:} and those its plugin sets on every reading itself.
 * Readings without the tag are still delivered, with the sink's placeholder in its place, so this is no error.
 */
final class TagWarnings {

    private TagWarnings() {}

    static List<ConfigError> of(ConfigMap root, List<ConfiguredSource> sources, List<ConfiguredSink> sinks) {
        List<ConfigError> warnings = new ArrayList<>();
        for (ConfiguredSink sink : sinks) {
            for (Map.Entry<String, Set<String>> use : sink.tagsUsed().entrySet()) {
                for (String tag : new TreeSet<>(use.getValue())) {
                    List<String> without = sources.stream().filter(source -> !guarantees(source, tag))
                            .map(ConfiguredSource::name).toList();
                    if (without.isEmpty()) {
                        continue;
                    }
                    String path = "sinks." + sink.name() + "." + use.getKey();
                    Origin at = NodeLookup.originOf(root, path, root.origin());
                    warnings.add(new ConfigError(at.file(), at.line(), at.column(), path, "{tag:" + tag + "}: source"
                            + (without.size() == 1 ? " " : "s ") + String.join(", ", without) + " may produce readings"
                            + " without tag `" + tag + "`; set it in " + (without.size() == 1 ? "its" : "their")
                            + " `tags:`, or such readings get the sink's placeholder in its place"));
                }
            }
        }
        return warnings;
    }

    private static boolean guarantees(ConfiguredSource source, String tag) {
        return source.settings().tags().containsKey(tag) || source.provider().ownTags().contains(tag);
    }
}
