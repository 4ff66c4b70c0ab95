package dev.ferry.log.internal;

import dev.ferry.log.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counts observations into fixed buckets without locking; {@link #snapshot()} may run while others record. */
public final class HistogramRecorder {

    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    /** @param bounds increasing finite upper bounds; an infinite one is added */
    public HistogramRecorder(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void record(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(value);
    }

    public Histogram snapshot() {
        List<Double> upper = new ArrayList<>(bounds.length + 1);
        List<Long> cumulative = new ArrayList<>(bounds.length + 1);
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            upper.add(i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY);
            cumulative.add(running);
        }
        return new Histogram(upper, cumulative, sum.sum());
    }
}
