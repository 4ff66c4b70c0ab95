package dev.ferry.testkit.net;

import java.time.Duration;

/**
 * The faults of one direction of a {@link UdpFaultProxy}, shared by all its sessions. Change them at any time
 * from any thread; a change applies from the next datagram. Setters return {@code this} so that they chain.
 *
 * <p>Each datagram draws its fate from its session's seeded random in a fixed way (loss, duplication, reordering,
 * jitter — four draws whatever the settings), so the same seed and the same traffic give the same faults.
 */
public final class DatagramFaults {

    private volatile double loss;
    private volatile double duplication;
    private volatile double reordering;
    private volatile Duration maxHold = Duration.ZERO;
    private volatile Latency latency = Latency.NONE;

    DatagramFaults() {}

    /** Drops each datagram with this probability. */
    public DatagramFaults loss(double probability) {
        this.loss = Checks.probability("loss", probability);
        return this;
    }

    /** Sends each datagram (that was not lost) twice in a row with this probability. */
    public DatagramFaults duplication(double probability) {
        this.duplication = Checks.probability("duplication", probability);
        return this;
    }

    /**
     * Holds a datagram back with this probability and sends it right after the next one; when no next one comes
     * within {@code maxHold}, it is sent then. Only one datagram is held at a time.
     */
    public DatagramFaults reordering(double probability, Duration maxHold) {
        this.maxHold = Checks.nonNegative("reordering hold", maxHold);
        this.reordering = Checks.probability("reordering", probability);
        return this;
    }

    /**
     * Sends each datagram {@code delay} plus a random extra in [0, {@code jitter}] after it arrived. Datagrams do
     * not wait for each other, so jitter may reorder them, as on a real network.
     */
    public DatagramFaults latency(Duration delay, Duration jitter) {
        this.latency = new Latency(delay, jitter);
        return this;
    }

    /** Takes every fault of this direction away. */
    public DatagramFaults clear() {
        return loss(0).duplication(0).reordering(0, Duration.ZERO).latency(Duration.ZERO, Duration.ZERO);
    }

    double loss() {
        return loss;
    }

    double duplication() {
        return duplication;
    }

    double reordering() {
        return reordering;
    }

    Duration maxHold() {
        return maxHold;
    }

    /** The delay for a datagram that drew {@code draw} in [0, 1). */
    Duration sampleLatency(double draw) {
        return latency.sample(draw);
    }
}
