package dev.ferry.runtime.config.internal;

import java.util.Locale;

/** How Java names are written in a config file: components in snake_case, enum constants in kebab-case. */
public final class KeyNames {

    private KeyNames() {}

    /** {@code dataDir} → {@code data_dir}; {@code maxURLLength} → {@code max_url_length}. */
    public static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && startsWord(camel, i)) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    // An upper-case letter starts a word after a lower-case letter or digit, or when it ends an acronym
    // that the next word follows (the "L" of "URLLength" does not, the second "L" does).
    private static boolean startsWord(String s, int i) {
        char before = s.charAt(i - 1);
        if (Character.isLowerCase(before) || Character.isDigit(before)) {
            return true;
        }
        return i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
    }

    /** {@code DROP_OLDEST} → {@code drop-oldest}. */
    public static String kebabCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
