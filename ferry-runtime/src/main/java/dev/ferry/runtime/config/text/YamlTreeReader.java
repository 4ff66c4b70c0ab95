package dev.ferry.runtime.config.text;

import dev.ferry.runtime.config.internal.ConfigEntry;
import dev.ferry.runtime.config.internal.ConfigList;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigNode;
import dev.ferry.runtime.config.internal.ConfigScalar;
import dev.ferry.runtime.config.internal.Origin;
import dev.ferry.runtime.config.internal.Problems;
import dev.ferry.runtime.config.internal.ScalarKind;
import dev.ferry.runtime.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads YAML into a {@link ConfigNode} tree with SnakeYAML Engine's compose step, which keeps each node's
 * position and resolved tag and builds no Java objects of its own.
 */
final class YamlTreeReader {

    /** Slips mended in one file before giving up: a file with more is more likely not YAML at all. */
    private static final int MAX_MENDS = 10;

    // Deep enough for any sensible config, shallow enough to stop an alias that refers to itself.
    private static final int MAX_DEPTH = 64;

    private final Path file;
    private final Problems problems;

    private YamlTreeReader(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Returns the document's top-level map. Syntax errors throw at once; duplicate keys are added to
     * {@code problems} (the first occurrence is kept) so that binding can still report everything else.
     */
    static ConfigMap read(String text, Path file, Problems problems) throws ConfigException {
        // The JSON schema resolves only true/false, null and JSON numbers, so "yes", "on" or "0x1F" stay text.
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new JsonSchema()).build();
        Optional<Node> document = Optional.empty();
        String readable = text;
        for (int mends = 0; ; mends++) {
            try {
                document = new Compose(settings).composeString(readable);
                break;
            } catch (MarkedYamlEngineException e) {
                SyntaxErrors.Finding finding = syntaxError(readable, e);
                Origin at = new Origin(file, finding.line(), 1);
                if (finding.mended() == null || mends == MAX_MENDS) {
                    throw Problems.single(at, finding.keyPath(), finding.message());
                }
                // reported, and read on as if mended, so that every other problem is found in the same run
                problems.add(at, finding.keyPath(), finding.message());
                readable = finding.mended();
            } catch (YamlEngineException e) {
                throw Problems.single(Origin.top(file), "", e.getMessage());
            }
        }
        Origin top = Origin.top(file);
        if (document.isEmpty()) {
            return ConfigMap.empty(top);
        }
        ConfigNode root = new YamlTreeReader(file, problems).convert(document.get(), "", 0);
        if (root instanceof ConfigMap map) {
            return new ConfigMap(top, map.entries());
        }
        if (root instanceof ConfigScalar scalar && scalar.isNull()) {
            return ConfigMap.empty(top);
        }
        throw Problems.single(root.origin(), "",
                "the file must be a map of sections (agent:, sources:, sinks:), not " + root.describe());
    }

    private ConfigNode convert(Node node, String keyPath, int depth) {
        Origin origin = originOf(node.getStartMark());
        if (depth > MAX_DEPTH) {
            problems.add(origin, keyPath, "nested more than " + MAX_DEPTH + " levels deep; is an alias referring to itself?");
            return new ConfigScalar(origin, "", ScalarKind.NULL, true);
        }
        return switch (node) {
            case ScalarNode scalar -> new ConfigScalar(origin, scalar.getValue(), kindOf(scalar.getTag()), scalar.isPlain());
            case SequenceNode sequence -> {
                List<ConfigNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, Problems.path(keyPath, Integer.toString(items.size())), depth + 1));
                }
                yield new ConfigList(origin, items);
            }
            case MappingNode mapping -> convertMap(mapping, origin, keyPath, depth);
            default -> throw new IllegalStateException("unexpected YAML node " + node.getNodeType());
        };
    }

    private ConfigMap convertMap(MappingNode mapping, Origin origin, String keyPath, int depth) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Origin keyOrigin = originOf(tuple.getKeyNode().getStartMark());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(keyOrigin, keyPath, "a key must be plain text, not a list or a map");
                continue;
            }
            String key = keyNode.getValue();
            String childPath = Problems.path(keyPath, key);
            ConfigEntry first = entries.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
            if (first != null) {
                problems.add(keyOrigin, childPath, "duplicate key; it is already set at line " + first.keyOrigin().line()
                        + ", remove one of them");
                continue;
            }
            entries.add(new ConfigEntry(key, keyOrigin, convert(tuple.getValueNode(), childPath, depth + 1)));
        }
        return new ConfigMap(origin, entries);
    }

    private static ScalarKind kindOf(Tag tag) {
        if (tag.equals(Tag.INT)) {
            return ScalarKind.INTEGER;
        } else if (tag.equals(Tag.FLOAT)) {
            return ScalarKind.FLOAT;
        } else if (tag.equals(Tag.BOOL)) {
            return ScalarKind.BOOLEAN;
        } else if (tag.equals(Tag.NULL)) {
            return ScalarKind.NULL;
        }
        // Strings, and tags Ferry gives no meaning to (including the engine's own ${VAR} tag: Ferry does
        // environment substitution itself, for TOML too).
        return ScalarKind.STRING;
    }

    private Origin originOf(Optional<Mark> mark) {
        return mark.map(m -> new Origin(file, m.getLine() + 1, m.getColumn() + 1)).orElse(Origin.top(file));
    }

    private static SyntaxErrors.Finding syntaxError(String text, MarkedYamlEngineException e) {
        int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
        String message = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext();
        if (context != null && !context.isBlank()) {
            message += e.getContextMark()
                    .map(m -> " (" + context + " at line " + (m.getLine() + 1) + ")")
                    .orElse(" (" + context + ")");
        }
        return SyntaxErrors.yaml(text, line, message);
    }
}
