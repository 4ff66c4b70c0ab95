package dev.ferry.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A component's health: its state, why, and since when.
 *
 * @param reason empty when there is nothing to explain
 */
public record Health(HealthState state, String reason, Instant since) {

    public Health {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }

    /** True when this differs from {@code other} in state or reason (the time alone is not a change). */
    public boolean changedFrom(Health other) {
        return other.state != state || !other.reason.equals(reason);
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? state.name() : state + " (" + reason + ")";
    }
}
