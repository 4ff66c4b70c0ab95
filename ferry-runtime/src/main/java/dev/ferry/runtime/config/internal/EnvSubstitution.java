package dev.ferry.runtime.config.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a value with the environment variable {@code NAME}
 * (the default is used when it is unset or empty, as in a shell); {@code $${} writes a literal {@code ${}.
 * The environment is passed in, never read from the process, so that loading is a function of its inputs.
 */
public final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Why a value could not be substituted; the message names the variable and says what to do. */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> env;

    public EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** True when the text holds a {@code ${...}} (or an escaped {@code $${}) that {@link #apply} would change. */
    public static boolean mentionsVariables(String text) {
        return text.contains("${");
    }

    public String apply(String text) throws Failure {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new Failure("unclosed \"${\" in \"" + text + "\"; write ${NAME} or ${NAME:-default}, or $${ for a literal ${");
                }
                out.append(resolve(text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference) throws Failure {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new Failure("\"${" + reference + "}\" does not name an environment variable; write ${NAME} or ${NAME:-default}");
        }
        String value = env.get(name);
        if (separator >= 0) {
            return value == null || value.isEmpty() ? reference.substring(separator + 2) : value;
        }
        if (value == null) {
            throw new Failure("environment variable " + name + " is not set; set it, or give a default with ${" + name + ":-default}");
        }
        return value;
    }
}
