package dev.ferry.runtime.schedule;

import dev.ferry.api.Source;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.api.config.Durations;
import java.time.Duration;

/**
 * One configured source, ready to be run: its name in the config, its common settings and the plugin's instance.
 * The runner that receives it owns the instance from then on and closes it when stopped.
 */
public record ScheduledSource(String name, SourceSettings settings, Source source) {

    public ScheduledSource {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a source needs a name");
        }
        requirePositive(name, "interval", settings.interval());
        requirePositive(name, "timeout", settings.timeout());
        requirePositive(name, "quarantine_probe", settings.quarantineProbe());
        if (settings.jitter().isNegative()) {
            throw new IllegalArgumentException("sources." + name + ".jitter: must be >= 0, was " + Durations.format(settings.jitter()));
        }
        if (settings.malformedThreshold() < 1) {
            throw new IllegalArgumentException("sources." + name + ".malformed_threshold: must be >= 1, was "
                    + settings.malformedThreshold());
        }
    }

    private static void requirePositive(String name, String key, Duration value) {
        if (!value.isPositive()) {
            throw new IllegalArgumentException("sources." + name + "." + key + ": must be > 0, was " + Durations.format(value));
        }
    }
}
