package dev.ferry.log;

import java.util.List;

/**
 * A distribution in fixed buckets, as Prometheus's classic histograms count it: for each upper bound, how many
 * observations were at most that; the last bound is infinity, so its count is {@link #count()}.
 *
 * @param upperBounds increasing, the last one {@link Double#POSITIVE_INFINITY}
 * @param cumulativeCounts one per bound
 * @param sum the sum of all observations
 */
public record Histogram(List<Double> upperBounds, List<Long> cumulativeCounts, double sum) {

    public Histogram {
        upperBounds = List.copyOf(upperBounds);
        cumulativeCounts = List.copyOf(cumulativeCounts);
        if (upperBounds.size() != cumulativeCounts.size() || upperBounds.isEmpty()
                || upperBounds.getLast() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("a histogram needs one count per bound, the last bound infinite");
        }
    }

    /** Observations in all. */
    public long count() {
        return cumulativeCounts.getLast();
    }
}
