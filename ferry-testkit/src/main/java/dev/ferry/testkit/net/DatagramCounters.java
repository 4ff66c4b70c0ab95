package dev.ferry.testkit.net;

import java.util.concurrent.atomic.LongAdder;

/** The live counts behind one direction's {@link DatagramCounts}. */
final class DatagramCounters {

    final LongAdder received = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder reordered = new LongAdder();

    DatagramCounts snapshot() {
        return new DatagramCounts(received.sum(), sent.sum(), lost.sum(), duplicated.sum(), reordered.sum());
    }
}
