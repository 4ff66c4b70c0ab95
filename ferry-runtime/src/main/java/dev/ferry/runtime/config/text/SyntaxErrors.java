package dev.ferry.runtime.config.text;

import dev.ferry.api.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a YAML or TOML parser's complaint into what a person can act on: the key the line belongs to (its path
 * found from the lines above it) and a hint at the fix. Also mends the two slips people make most, a value TOML
 * needs quoted and a key indented one space off in YAML, so that the file can still be read and every other
 * problem reported in the same run.
 */
final class SyntaxErrors {

    /** What was wrong at a line, and the text with it mended (null when it cannot be). */
    record Finding(int line, String keyPath, String message, @Nullable String mended) {}

    private static final Pattern YAML_KEY = Pattern.compile("^(\\s*)(?:-\\s+)?([^\\s#:'\"{\\[][^:#]*?|'[^']*'|\"[^\"]*\")\\s*:(?:\\s|$)");
    private static final Pattern TOML_KEY = Pattern.compile("^\\s*([A-Za-z0-9_.\"'-]+?)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern TOML_TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*]]?\\s*(#.*)?$");
    private static final Pattern TOML_DUPLICATE = Pattern.compile("previously defined at line (\\d+)");
    private static final Pattern TOML_LITERAL = Pattern.compile(
            "^(\"|'|\\[|\\{|true\\b|false\\b|[+-]?\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?\\s*(#.*)?$|[+-]?(inf|nan)\\b).*");

    private SyntaxErrors() {}

    /**
     * A YAML parser error at {@code line} (1-based).
     *
     * @param problem the parser's own words, kept at the end for those who know YAML
     */
    static Finding yaml(String text, int line, String problem) {
        List<String> lines = text.lines().toList();
        String keyPath = yamlKeyPath(lines, line - 1);
        String at = line - 1 < lines.size() ? lines.get(line - 1) : "";
        if (problem.contains("found character '\\t'") || at.startsWith("\t") || at.matches("^ *\t.*")) {
            return new Finding(line, keyPath, "YAML does not allow tabs in indentation; indent with spaces", null);
        }
        if (problem.contains("mapping values are not allowed here")) {
            return new Finding(line, keyPath, "put the value in quotes: a value holding \": \" must be quoted ("
                    + problem + ")", null);
        }
        if (problem.contains("cannot start any token")) {
            return new Finding(line, keyPath, "put the value in quotes: it starts with a character YAML reserves ("
                    + problem + ")", null);
        }
        if (problem.contains("expected <block end>") || problem.contains("expected <block mapping start>")
                || problem.contains("could not find expected ':'")) {
            int sibling = previousKeyLine(lines, line - 1);
            // The parser may place the error past the last line, at the end of the file: no line there to indent.
            if (sibling >= 0 && line - 1 < lines.size()) {
                String siblingIndent = indent(lines.get(sibling));
                String key = yamlKey(at);
                String siblingKey = yamlKey(lines.get(sibling));
                String hint = "the indentation does not fit the lines above: indent `" + key + "` with spaces to the level of `"
                        + siblingKey + "` (line " + (sibling + 1) + ", " + siblingIndent.length() + " spaces), or of a"
                        + " section above it";
                String mended = null;
                if (!lines.get(sibling).strip().endsWith(":")) {
                    List<String> fixed = new ArrayList<>(lines);
                    fixed.set(line - 1, siblingIndent + at.stripLeading());
                    mended = String.join("\n", fixed) + "\n";
                }
                return new Finding(line, yamlKeyPath(mendedLines(lines, line - 1, siblingIndent), line - 1), hint, mended);
            }
        }
        if (problem.contains("found unexpected end of stream") || problem.contains("while scanning a quoted scalar")) {
            return new Finding(line, keyPath, "a quote is not closed (" + problem + ")", null);
        }
        return new Finding(line, keyPath, "not valid YAML: " + problem, null);
    }

    /** A TOML parser error at {@code line} (1-based). */
    static Finding toml(String text, int line, String problem) {
        List<String> lines = text.lines().toList();
        String at = line - 1 < lines.size() ? lines.get(line - 1) : "";
        Matcher keyValue = TOML_KEY.matcher(at);
        String keyPath = tomlKeyPath(lines, line - 1);
        if (keyValue.matches() && !keyValue.group(2).isEmpty() && !TOML_LITERAL.matcher(keyValue.group(2)).matches()) {
            String value = keyValue.group(2);
            String quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            List<String> fixed = new ArrayList<>(lines);
            fixed.set(line - 1, at.substring(0, at.indexOf('=') + 1) + " " + quoted);
            return new Finding(line, keyPath, "put the value in quotes: " + keyValue.group(1) + " = " + quoted
                    + " (TOML reads only numbers, true, false, dates, arrays and tables without them)",
                    String.join("\n", fixed) + "\n");
        }
        Matcher duplicate = TOML_DUPLICATE.matcher(problem);
        if (duplicate.find()) {
            return new Finding(line, keyPath, "duplicate key; it is already set at line " + duplicate.group(1), null);
        }
        return new Finding(line, keyPath, "not valid TOML: " + problem, null);
    }

    private static List<String> mendedLines(List<String> lines, int index, String indent) {
        List<String> fixed = new ArrayList<>(lines);
        fixed.set(index, indent + lines.get(index).stripLeading());
        return fixed;
    }

    /** The dotted path of the key on line {@code index} (0-based), from the keys of less indented lines above. */
    static String yamlKeyPath(List<String> lines, int index) {
        if (index < 0 || index >= lines.size()) {
            return "";
        }
        String key = yamlKey(lines.get(index));
        if (key.isEmpty()) {
            return "";
        }
        List<String> path = new ArrayList<>();
        path.add(key);
        int width = indent(lines.get(index)).length();
        for (int i = index - 1; i >= 0 && width > 0; i--) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int lineWidth = indent(line).length();
            String parent = yamlKey(line);
            if (lineWidth < width && !parent.isEmpty()) {
                path.addFirst(parent);
                width = lineWidth;
            }
        }
        return String.join(".", path);
    }

    private static String yamlKey(String line) {
        Matcher m = YAML_KEY.matcher(line);
        if (!m.find()) {
            return "";
        }
        String key = m.group(2).strip();
        return key.length() > 1 && (key.startsWith("'") || key.startsWith("\"")) ? key.substring(1, key.length() - 1) : key;
    }

    /** The nearest line above {@code index} that holds a key, or -1. */
    private static int previousKeyLine(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.stripLeading().startsWith("#") && !yamlKey(line).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static String indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(0, n);
    }

    /** The dotted path of the key on line {@code index}: the table header above it, then the key. */
    static String tomlKeyPath(List<String> lines, int index) {
        if (index < 0 || index >= lines.size()) {
            return "";
        }
        Matcher keyValue = TOML_KEY.matcher(lines.get(index));
        String key = keyValue.matches() ? unquote(keyValue.group(1)) : "";
        for (int i = index - 1; i >= 0; i--) {
            Matcher table = TOML_TABLE.matcher(lines.get(i));
            if (table.matches()) {
                String header = unquote(table.group(1));
                return key.isEmpty() ? header : header + "." + key;
            }
        }
        return key;
    }

    private static String unquote(String dotted) {
        return dotted.replace("\"", "").replace("'", "").replace(" ", "");
    }
}
