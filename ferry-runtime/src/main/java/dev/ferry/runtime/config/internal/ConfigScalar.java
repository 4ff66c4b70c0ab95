package dev.ferry.runtime.config.internal;

/**
 * A single value with the text it was written as.
 *
 * @param plain true when the value had no type of its own and its kind was guessed from its text (an
 *     unquoted YAML scalar, an environment value, an {@code @Default}); a string key then takes it as text,
 *     so {@code id: 42} is the id "42". A typed value (quoted YAML, any TOML value) must match the key's type.
 */
public record ConfigScalar(Origin origin, String text, ScalarKind kind, boolean plain) implements ConfigNode {

    public static ConfigScalar plainText(Origin origin, String text) {
        return new ConfigScalar(origin, text, ScalarKind.ofPlainText(text), true);
    }

    public boolean isNull() {
        return kind == ScalarKind.NULL;
    }

    @Override
    public String describe() {
        return switch (kind) {
            case STRING -> "the string \"" + text + "\"";
            case INTEGER -> "the integer " + text;
            case FLOAT -> "the number " + text;
            case BOOLEAN -> "the boolean " + text;
            case NULL -> "nothing";
            case DATE_TIME -> "the date-time " + text;
        };
    }
}
