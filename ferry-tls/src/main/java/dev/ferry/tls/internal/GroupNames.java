package dev.ferry.tls.internal;

import java.util.Locale;
import java.util.Map;

/** The names the JDK uses for key-exchange groups, from the other names people write for them. */
public final class GroupNames {

    private static final Map<String, String> JDK_BY_ALIAS = Map.ofEntries(
            Map.entry("p-256", "secp256r1"),
            Map.entry("prime256v1", "secp256r1"),
            Map.entry("p-384", "secp384r1"),
            Map.entry("prime384v1", "secp384r1"),
            Map.entry("p-521", "secp521r1"),
            Map.entry("prime521v1", "secp521r1"),
            Map.entry("curve25519", "x25519"),
            Map.entry("curve448", "x448"));

    private GroupNames() {}

    public static String toJdk(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return JDK_BY_ALIAS.getOrDefault(lower, lower);
    }
}
