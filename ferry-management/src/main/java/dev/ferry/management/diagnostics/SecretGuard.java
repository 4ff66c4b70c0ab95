package dev.ferry.management.diagnostics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The last check before a part goes into a bundle: whether it holds any of the config's secrets, as UTF-8 or
 * Latin-1 bytes (the ways a flight recording stores text). Text parts are scrubbed; a binary part that holds one is
 * left out.
 *
 * <p>Texts shorter than {@link #SHORTEST} are not looked for: a variable such as a port number or {@code true}
 * would otherwise erase ordinary figures all over the bundle. The config itself redacts them regardless.
 */
final class SecretGuard {

    static final int SHORTEST = 4;

    private final List<String> secrets;

    SecretGuard(Set<String> secrets) {
        // longest first, so that a secret that contains another is replaced whole
        this.secrets = secrets.stream().filter(secret -> secret.length() >= SHORTEST)
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    }

    String scrub(String text) {
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, RedactedConfig.REDACTED);
        }
        return scrubbed;
    }

    boolean foundIn(byte[] bytes) {
        for (String secret : secrets) {
            if (contains(bytes, secret.getBytes(StandardCharsets.UTF_8))
                    || contains(bytes, secret.getBytes(StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "SecretGuard[" + secrets.size() + " secrets]";   // never the secrets themselves
    }

}
