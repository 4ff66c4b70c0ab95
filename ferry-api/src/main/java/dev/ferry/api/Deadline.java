package dev.ferry.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant by which a read must be done, on the runtime's clock. */
public record Deadline(Instant at, Clock clock) {

    public static Deadline after(Duration timeout, Clock clock) {
        return new Deadline(clock.instant().plus(timeout), clock);
    }

    /** Time left; zero or negative once passed. */
    public Duration remaining() {
        return Duration.between(clock.instant(), at);
    }

    public boolean passed() {
        return !clock.instant().isBefore(at);
    }
}
