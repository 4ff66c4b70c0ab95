package dev.ferry.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    private final Rfc3339 formatter = new Rfc3339();

    @Property(tries = 2000)
    void writesWhatInstantToStringWrites(@ForAll @LongRange(min = -62_200_000_000L, max = 253_500_000_000L) long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nano, @ForAll @IntRange(min = 0, max = 3) int roundTo) {
        int rounded = switch (roundTo) {
            case 0 -> 0;
            case 1 -> nano / 1_000_000 * 1_000_000;
            case 2 -> nano / 1_000 * 1_000;
            default -> nano;
        };
        Instant time = Instant.ofEpochSecond(second, rounded);
        assertThat(format(time)).isEqualTo(time.toString());
    }

    @Test
    void aCachedSecondDoesNotLeakIntoTheNext() {
        Instant first = Instant.parse("2026-11-21T23:59:59.999Z");
        Instant next = Instant.parse("2026-11-22T00:00:00Z");
        assertThat(format(first)).isEqualTo("2026-11-21T23:59:59.999Z");
        assertThat(format(next)).isEqualTo("2026-11-22T00:00:00Z");
        assertThat(format(first.minusSeconds(86_400))).isEqualTo("2026-11-20T23:59:59.999Z");
    }

    @Test
    void yearsBeyondFourDigitsFallBackToTheJdkForm() {
        for (Instant time : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.parse("9999-12-31T23:59:59.123456789Z")}) {
            assertThat(format(time)).isEqualTo(time.toString());
        }
    }

    private String format(Instant time) {
        byte[] out = new byte[Rfc3339.maxLength(time)];
        int end = formatter.write(time, out, 0);
        return new String(out, 0, end, StandardCharsets.US_ASCII);
    }
}
