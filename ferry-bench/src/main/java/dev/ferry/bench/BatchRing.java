package dev.ferry.bench;

import dev.ferry.api.Reading;
import java.util.List;

/**
 * Pre-built batches handed out in turn, so a benchmark measures the store and not the making of readings.
 * 100 batches of 1,000 readings: timestamps advance across 100,000 readings before the ring starts over.
 */
final class BatchRing {

    static final int BATCH_SIZE = 1_000;
    private static final int BATCHES = 100;

    private final List<List<Reading>> batches = SampleReadings.batches(BATCHES, BATCH_SIZE);
    private int next;

    List<Reading> next() {
        List<Reading> batch = batches.get(next);
        next = (next + 1) % batches.size();
        return batch;
    }
}
