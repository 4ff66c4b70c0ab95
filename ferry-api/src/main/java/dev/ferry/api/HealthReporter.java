package dev.ferry.api;

/** How a plugin tells the runtime about its health. Thread-safe; reporting the same state again is cheap. */
public interface HealthReporter {

    void report(HealthState state, String reason);

    default void up() {
        report(HealthState.UP, "");
    }
}
