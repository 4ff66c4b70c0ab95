package dev.ferry.management.diagnostics;

import dev.ferry.management.internal.JsonWriter;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.internal.ConfigEntry;
import dev.ferry.runtime.config.internal.ConfigList;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigNode;
import dev.ferry.runtime.config.internal.ConfigScalar;
import dev.ferry.runtime.config.internal.ConfigTrees;
import dev.ferry.runtime.config.internal.EnvSubstitution;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's config for a support bundle: re-rendered as YAML from its parsed tree, so that nothing of the file is
 * copied without being looked at (comments, where a commented-out password may sit, are left out), with every
 * secret replaced:
 * <ul>
 *   <li>any value that takes text from the environment ({@code ${VAR}}), whatever its key is called, because that
 *       is how secrets are meant to be given; the bundle names the variable, never its value;
 *   <li>any value of a key whose name says secret ({@code password}, {@code token}, {@code key_password}...),
 *       and the {@code key} of a pre-shared key, for secrets written into the file itself;
 *   <li>the user and password part of a URL ({@code mqtts://user:pass@host}).
 * </ul>
 * It also collects each secret's text, so that the rest of the bundle can be checked for it.
 *
 * @param yaml the redacted config
 * @param secrets the texts redacted, and the values of the environment variables the config names
 */
record RedactedConfig(String yaml, Set<String> secrets) {

    static final String REDACTED = "<redacted>";

    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(password|passphrase|passwd|secret|token|credential|private|api_?key).*");
    private static final Pattern URL_USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@\\s]+)@");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+-]+");

    static RedactedConfig of(DiagnosticsSources sources) throws ConfigException {
        Path name = Path.of(sources.configName());
        ConfigMap root = ConfigTrees.read(sources.configText(), name, sources.configFormat());
        Renderer renderer = new Renderer(sources.env());
        renderer.map(root, "", 0);
        return new RedactedConfig(renderer.out.toString(), Set.copyOf(renderer.secrets));
    }

    private static final class Renderer {
        private final Map<String, String> env;
        private final StringBuilder out = new StringBuilder();
        private final Set<String> secrets = new LinkedHashSet<>();

        Renderer(Map<String, String> env) {
            this.env = env;
        }

        /** @param section the key the map is under (a list's key for the maps in it) */
        void map(ConfigMap map, String section, int indent) {
            for (ConfigEntry entry : map.entries()) {
                out.append(" ".repeat(indent)).append(entry.key()).append(':');
                value(entry.value(), entry.key(), section, indent);
            }
        }

        private void value(ConfigNode node, String key, String section, int indent) {
            switch (node) {
                case ConfigScalar scalar -> out.append(' ').append(scalar(scalar, key, section)).append('\n');
                case ConfigMap map when map.entries().isEmpty() -> out.append(" {}\n");
                case ConfigMap map -> {
                    out.append('\n');
                    map(map, key, indent + 2);
                }
                case ConfigList list when list.items().isEmpty() -> out.append(" []\n");
                case ConfigList list -> {
                    out.append('\n');
                    for (ConfigNode item : list.items()) {
                        out.append(" ".repeat(indent + 2)).append('-');
                        value(item, key, section, indent + 4);   // a list's items are as secret as its key says
                    }
                }
                default -> out.append(" ").append(quote(REDACTED)).append('\n');
            }
        }

        private String scalar(ConfigScalar scalar, String key, String section) {
            String text = scalar.text();
            if (EnvSubstitution.mentionsVariables(text)) {
                return quote(fromEnvironment(text));
            }
            if (secret(key, section) && !scalar.isNull()) {
                secrets.add(text);
                return quote(REDACTED);
            }
            Matcher userInfo = URL_USER_INFO.matcher(text);
            if (userInfo.find()) {
                secrets.add(userInfo.group(2));
                String[] userAndPassword = userInfo.group(2).split(":", 2);
                if (userAndPassword.length == 2) {
                    secrets.add(userAndPassword[1]);
                }
                return quote(userInfo.group(1) + REDACTED + "@" + text.substring(userInfo.end()));
            }
            return scalar.plain() && PLAIN.matcher(text).matches() ? text : quote(text);
        }

        /** What stands for a value taken from the environment: the variables it names, never their values. */
        private String fromEnvironment(String text) {
            StringBuilder names = new StringBuilder();
            Matcher variable = VARIABLE.matcher(text);
            while (variable.find()) {
                String value = env.get(variable.group(1));
                if (value != null) {
                    secrets.add(value);
                }
                names.append(names.isEmpty() ? "" : ", ").append("${").append(variable.group(1)).append('}');
            }
            try {
                secrets.add(new EnvSubstitution(env).apply(text));
            } catch (EnvSubstitution.Failure e) {
                // an unset variable: the agent could not have started with it, and there is no value to hide
            }
            return REDACTED + " (from " + (names.isEmpty() ? "the environment" : names) + ")";
        }
    }

    /**
     * A {@code key} is a file in a {@code tls} section but the secret itself in a pre-shared key's ({@code psk},
     * {@code psk_devices}).
     */
    private static boolean secret(String key, String section) {
        return SECRET_KEY.matcher(key).matches() || (key.equals("key") && section.startsWith("psk"));
    }

    private static String quote(String text) {
        return JsonWriter.quoted(text);
    }
}
