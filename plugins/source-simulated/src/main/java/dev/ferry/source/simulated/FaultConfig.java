package dev.ferry.source.simulated;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import java.time.Duration;

/**
 * Faults a simulated signal injects into reads, each at a rate per read; at most one fault per signal per read,
 * so the rates must add up to at most 1.
 */
public record FaultConfig(
        @Doc("Share of reads, 0 to 1, that fail with an I/O error (a transient fault).")
                @Default("0") @Min("0") @Max("1") double errorRate,
        @Doc("Share of reads, 0 to 1, that hang for hang_for before answering (the runtime's timeout abandons them).")
                @Default("0") @Min("0") @Max("1") double hangRate,
        @Doc("How long a hanging read blocks; it ends early when interrupted.")
                @Default("1h") @Positive Duration hangFor,
        @Doc("Share of reads, 0 to 1, that return malformed data (counted; many in a row quarantine the source).")
                @Default("0") @Min("0") @Max("1") double malformedRate) {

    /** No faults. */
    public static final FaultConfig NONE = new FaultConfig(0, 0, Duration.ofHours(1), 0);
}
