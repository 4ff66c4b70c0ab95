package dev.ferry.testkit.net;

import java.util.concurrent.atomic.LongAdder;

/** The live counts behind {@link ProxyStats}; bytes are counted just before they are written. */
final class TrafficCounters {

    final LongAdder accepted = new LongAdder();
    final LongAdder targetConnectFailures = new LongAdder();
    final LongAdder dropped = new LongAdder();
    private final LongAdder toTarget = new LongAdder();
    private final LongAdder toClient = new LongAdder();

    void forwarded(Direction direction, int bytes) {
        (direction == Direction.TO_TARGET ? toTarget : toClient).add(bytes);
    }

    ProxyStats snapshot(int open) {
        return new ProxyStats(accepted.sum(), open, toTarget.sum(), toClient.sum(), dropped.sum(),
                targetConnectFailures.sum());
    }
}
