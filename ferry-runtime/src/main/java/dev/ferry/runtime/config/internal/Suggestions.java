package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import java.util.Collection;
import java.util.Locale;

/** Finds the known name a mistyped one was probably meant to be, for "did you mean" hints. */
public final class Suggestions {

    private Suggestions() {}

    /** The closest candidate within a few edits of {@code typed}, or null when none is close enough. */
    public static @Nullable String closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String typedLoose = loose(typed);
        for (String candidate : candidates) {
            // dataDir, data-dir and DATA_DIR all mean data_dir.
            int distance = loose(candidate).equals(typedLoose) ? 0 : distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowedEdits(typed) ? best : null;
    }

    private static int allowedEdits(String typed) {
        return typed.length() <= 3 ? 1 : typed.length() <= 6 ? 2 : 3;
    }

    private static String loose(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
