package dev.ferry.testkit.net;

import java.util.function.BooleanSupplier;

/** What every connection of one {@link FaultProxy} forwards through: the faults of both directions, and its counts. */
record Links(LinkFaults toTarget, LinkFaults toClient, BooleanSupplier blackHoled, TrafficCounters counters) {

    LinkFaults faults(Direction direction) {
        return direction == Direction.TO_TARGET ? toTarget : toClient;
    }
}
