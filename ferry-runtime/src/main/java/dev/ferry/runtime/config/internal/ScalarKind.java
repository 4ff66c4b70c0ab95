package dev.ferry.runtime.config.internal;

import java.util.regex.Pattern;

/** The type a scalar was written with: TOML's own types, or the tag YAML resolved for it. */
public enum ScalarKind {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    /** YAML {@code ~}-less empty value or {@code null}: treated as if the key were absent. */
    NULL,
    /** A TOML date or time; no Ferry key takes one. */
    DATE_TIME;

    // The YAML 1.2 JSON schema, the one the YAML reader resolves plain scalars with.
    private static final Pattern INTEGER_FORM = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT_FORM =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?|-?\\.inf|\\.nan");

    /**
     * The kind of text that has no type of its own (an environment value, an {@code @Default}), read as if it
     * were written unquoted in YAML.
     */
    public static ScalarKind ofPlainText(String text) {
        if (text.isEmpty() || text.equals("null")) {
            return NULL;
        }
        if (text.equals("true") || text.equals("false")) {
            return BOOLEAN;
        }
        if (INTEGER_FORM.matcher(text).matches()) {
            return INTEGER;
        }
        if (FLOAT_FORM.matcher(text).matches()) {
            return FLOAT;
        }
        return STRING;
    }
}
