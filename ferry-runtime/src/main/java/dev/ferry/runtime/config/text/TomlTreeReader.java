package dev.ferry.runtime.config.text;

import dev.ferry.runtime.config.internal.ConfigEntry;
import dev.ferry.runtime.config.internal.ConfigList;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigNode;
import dev.ferry.runtime.config.internal.ConfigScalar;
import dev.ferry.runtime.config.internal.Origin;
import dev.ferry.runtime.config.internal.Problems;
import dev.ferry.runtime.config.internal.ScalarKind;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigException;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads TOML into a {@link ConfigNode} tree with tomlj. TOML records positions of keys, not of values, so a
 * value is placed at its key; tables keep the order they were written in. tomlj itself refuses duplicate keys.
 */
final class TomlTreeReader {

    /** Values mended in one file before giving up. */
    private static final int MAX_MENDS = 20;

    private final Path file;

    private TomlTreeReader(Path file) {
        this.file = file;
    }

    /**
     * Returns the document's top-level table. A value that needs quotes is reported to {@code problems} and read as
     * if quoted, so that every other problem is found in the same run; other syntax errors, all of them, throw.
     */
    static ConfigMap read(String text, Path file, Problems problems) throws ConfigException {
        String readable = text;
        TomlParseResult result = Toml.parse(readable);
        for (int mends = 0; result.hasErrors() && mends < MAX_MENDS; mends++) {
            TomlParseError first = result.errors().getFirst();
            SyntaxErrors.Finding finding = SyntaxErrors.toml(readable, first.position().line(), first.getMessage());
            if (finding.mended() == null) {
                break;
            }
            problems.add(new Origin(file, finding.line(), 1), finding.keyPath(), finding.message());
            readable = finding.mended();
            result = Toml.parse(readable);
        }
        if (result.hasErrors()) {
            List<ConfigError> errors = new ArrayList<>();
            for (TomlParseError e : result.errors()) {
                TomlPosition at = e.position();
                SyntaxErrors.Finding finding = SyntaxErrors.toml(readable, at.line(), e.getMessage());
                errors.add(finding.keyPath().isEmpty() ? new ConfigError(file, at.line(), at.column(), "", finding.message())
                        : new ConfigError(file, at.line(), 0, finding.keyPath(), finding.message()));
            }
            throw new ConfigException(errors);
        }
        return new TomlTreeReader(file).table(result, Origin.top(file));
    }

    private ConfigMap table(TomlTable table, Origin origin) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : table.entrySet()) {
            Origin at = originOf(table.inputPositionOf(List.of(e.getKey())));
            entries.add(new ConfigEntry(e.getKey(), at, value(e.getValue(), at)));
        }
        return new ConfigMap(origin, entries);
    }

    private ConfigNode value(Object value, Origin at) {
        return switch (value) {
            case TomlTable table -> table(table, at);
            case TomlArray array -> {
                List<ConfigNode> items = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    items.add(value(array.get(i), originOf(array.inputPositionOf(i))));
                }
                yield new ConfigList(at, items);
            }
            case String s -> new ConfigScalar(at, s, ScalarKind.STRING, false);
            case Long n -> new ConfigScalar(at, n.toString(), ScalarKind.INTEGER, false);
            case Double d -> new ConfigScalar(at, d.toString(), ScalarKind.FLOAT, false);
            case Boolean b -> new ConfigScalar(at, b.toString(), ScalarKind.BOOLEAN, false);
            case TemporalAccessor t -> new ConfigScalar(at, t.toString(), ScalarKind.DATE_TIME, false);
            default -> throw new IllegalStateException("unexpected TOML value " + value.getClass());
        };
    }

    private Origin originOf(TomlPosition position) {
        return position == null ? Origin.top(file) : new Origin(file, position.line(), position.column());
    }
}
