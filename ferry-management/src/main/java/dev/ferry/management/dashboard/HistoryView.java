package dev.ferry.management.dashboard;

import java.util.Map;

/**
 * Samples copied out of the {@link HistoryRing}, oldest first: {@code series.get(key)[i]} was taken at
 * {@code timesMillis[i]}, NaN where that series had no value.
 */
record HistoryView(long[] timesMillis, Map<SeriesKey, double[]> series, Map<SeriesKey, String> units) {}
