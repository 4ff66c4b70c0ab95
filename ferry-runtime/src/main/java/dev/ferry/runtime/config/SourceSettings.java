package dev.ferry.runtime.config;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import java.time.Duration;
import java.util.Map;

/**
 * The keys every source section has, whatever its type; the rest of the section belongs to the plugin.
 * For a streaming source only {@code type}, {@code tags}, {@code malformed_threshold} and
 * {@code quarantine_probe} apply.
 */
public record SourceSettings(
        @Doc("Which plugin reads this source, e.g. simulated, system, serial.") String type,
        @Doc("Time between two reads of a polled source.") @Default("1s") @Positive Duration interval,
        @Doc("Largest random delay added to each read, so many gateways do not read in lockstep.") @Default("0s") @Min("0s") Duration jitter,
        @Doc("Deadline for one read; a read still running then is abandoned and counted as a transient fault.") @Default("5s") @Positive Duration timeout,
        @Doc("Labels added to every reading of this source.") @Default("{}") Map<String, String> tags,
        @Doc("Malformed reads in a row after which the source is quarantined.") @Default("10") @Min("1") int malformedThreshold,
        @Doc("While quarantined, time between two probing reads.") @Default("1m") @Positive Duration quarantineProbe) {}
