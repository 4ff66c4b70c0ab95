package dev.ferry.agent.cli;

import dev.ferry.api.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads command-line durations the way config files write them: {@code 250ms}, {@code 10s}, {@code 1m}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
