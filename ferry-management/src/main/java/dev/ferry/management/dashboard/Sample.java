package dev.ferry.management.dashboard;

import java.time.Instant;
import java.util.Map;

/**
 * One look at the agent for the history: a number per series, and the unit of each {@link SeriesKey.Kind#VALUE}
 * series that has one.
 */
record Sample(Instant time, Map<SeriesKey, Double> values, Map<SeriesKey, String> units) {}
