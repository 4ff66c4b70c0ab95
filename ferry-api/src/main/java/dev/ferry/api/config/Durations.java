package dev.ferry.api.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in Ferry's config: whole numbers with units, largest unit first, e.g. {@code 250ms},
 * {@code 10s}, {@code 5m}, {@code 1h}, {@code 7d}, {@code 1m30s}. Units: {@code d h m s ms us ns}.
 */
public final class Durations {

    private record Unit(String symbol, ChronoUnit unit) {}

    private static final List<Unit> UNITS = List.of(
            new Unit("d", ChronoUnit.DAYS),
            new Unit("h", ChronoUnit.HOURS),
            new Unit("m", ChronoUnit.MINUTES),
            new Unit("s", ChronoUnit.SECONDS),
            new Unit("ms", ChronoUnit.MILLIS),
            new Unit("us", ChronoUnit.MICROS),
            new Unit("ns", ChronoUnit.NANOS));

    // Two-letter units first, so that "5ms" is not read as 5 minutes followed by a stray "s".
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|us|ns|d|h|m|s)");
    private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern UNIT_SPACING = Pattern.compile("(?<=\\d)\\s+(?=[a-z])|(?<=[a-z])\\s+(?=\\d)");
    private static final String EXAMPLES = "write e.g. 250ms, 10s, 1m30s, 1h or 7d";

    private Durations() {}

    /** Parses the forms above, with an optional leading {@code -}; throws {@link IllegalArgumentException} saying what to write. */
    public static Duration parse(String text) {
        // Spaces between a number and its unit, and between parts, are allowed as in sizes ("64 MiB"): "1h 30m".
        String s = UNIT_SPACING.matcher(text.strip()).replaceAll("");
        if (BARE_NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "a duration needs a unit: write " + s + "s or " + s + "ms, not " + s);
        }
        boolean negative = s.startsWith("-");
        String rest = negative ? s.substring(1) : s;
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (" + EXAMPLES + ")");
        }
        Matcher m = PART.matcher(rest);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        try {
            while (position < rest.length()) {
                if (!m.find(position) || m.start() != position) {
                    throw new IllegalArgumentException("not a duration: \"" + text + "\" (" + EXAMPLES + ")");
                }
                int unit = indexOf(m.group(2));
                if (unit <= lastUnit) {
                    throw new IllegalArgumentException("not a duration: \"" + text
                            + "\" (write each unit once, largest first, e.g. 1h30m)");
                }
                total = total.plus(Duration.of(Long.parseLong(m.group(1)), UNITS.get(unit).unit()));
                lastUnit = unit;
                position = m.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration too long: \"" + text + "\"");
        }
        return negative ? total.negated() : total;
    }

    /** Writes a duration the way {@link #parse} reads it, e.g. {@code 1m30s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            // Duration.negated of the smallest value overflows; no config holds one.
            return "-" + format(duration.negated());
        }
        StringBuilder out = new StringBuilder();
        Duration rest = duration;
        for (Unit u : UNITS) {
            long count = rest.dividedBy(u.unit().getDuration());
            if (count > 0) {
                out.append(count).append(u.symbol());
                rest = rest.minus(u.unit().getDuration().multipliedBy(count));
            }
        }
        return out.toString();
    }

    private static int indexOf(String symbol) {
        for (int i = 0; i < UNITS.size(); i++) {
            if (UNITS.get(i).symbol().equals(symbol)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown unit " + symbol);
    }
}
