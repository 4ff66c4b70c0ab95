package dev.ferry.runtime.schedule;

import dev.ferry.runtime.config.SourceSettings;
import java.time.Duration;
import java.util.Map;

/** Source settings for tests, with the config defaults unless said otherwise. */
record Settings(Duration interval, Duration jitter, Duration timeout, Map<String, String> tags, int malformedThreshold,
        Duration quarantineProbe) {

    static Settings defaults() {
        return new Settings(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5), Map.of(), 10, Duration.ofMinutes(1));
    }

    Settings interval(Duration d) {
        return new Settings(d, jitter, timeout, tags, malformedThreshold, quarantineProbe);
    }

    Settings jitter(Duration d) {
        return new Settings(interval, d, timeout, tags, malformedThreshold, quarantineProbe);
    }

    Settings timeout(Duration d) {
        return new Settings(interval, jitter, d, tags, malformedThreshold, quarantineProbe);
    }

    Settings tags(Map<String, String> t) {
        return new Settings(interval, jitter, timeout, t, malformedThreshold, quarantineProbe);
    }

    Settings quarantine(int threshold, Duration probe) {
        return new Settings(interval, jitter, timeout, tags, threshold, probe);
    }

    SourceSettings build() {
        return new SourceSettings("test", interval, jitter, timeout, tags, malformedThreshold, quarantineProbe);
    }
}
