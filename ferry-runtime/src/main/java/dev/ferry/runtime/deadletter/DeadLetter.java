package dev.ferry.runtime.deadletter;

import dev.ferry.api.LogEntry;
import dev.ferry.api.Refusal;
import java.time.Instant;

/**
 * An entry a sink's far end refused for good, kept with the reason and the time, so a person can look at it and
 * send it again, with its original ID, once the cause is fixed.
 *
 * @param entry the reading (with its ID) or gap as the log held it
 * @param sink the configured name of the sink that refused it
 * @param refusal why
 * @param time when it was set aside
 */
public record DeadLetter(LogEntry entry, String sink, Refusal refusal, Instant time) {}
