package dev.ferry.testkit.net;

import dev.ferry.api.Nullable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The faults of one direction of a {@link FaultProxy}, shared by all its connections. Change them at any time
 * from any thread; a change applies from the next chunk (or slice) each connection forwards. Setters return
 * {@code this} so that they chain.
 *
 * <p>A <em>chunk</em> is what one read from the sending peer returned (at most 16 KiB). Its way through: wait
 * while stalled; wait the latency; then go out in slices of at most {@link #slices slice} bytes, each paced by the
 * bandwidth cap and followed by the slice pause — or, while dropping, counted and discarded.
 */
public final class LinkFaults {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private boolean stalled; // guarded by lock
    private volatile Latency latency = Latency.NONE;
    private volatile @Nullable TokenBucket bandwidth;
    private volatile int sliceBytes = Integer.MAX_VALUE;
    private volatile Duration slicePause = Duration.ZERO;
    private volatile boolean dropping;

    LinkFaults() {}

    /**
     * Holds each chunk for {@code delay} plus a random extra in [0, {@code jitter}] after it was read. Order is
     * kept: the next chunk is read only after this one went out, so data that arrives meanwhile waits in the
     * socket buffer and is delayed at least as long — the delay is a lower bound for every byte.
     */
    public LinkFaults latency(Duration delay, Duration jitter) {
        this.latency = new Latency(delay, jitter);
        return this;
    }

    /** Caps this direction, over all connections together, at {@code bytesPerSecond} (bursts of a tenth of that). */
    public LinkFaults bandwidth(long bytesPerSecond) {
        this.bandwidth = new TokenBucket(bytesPerSecond);
        return this;
    }

    /** Lifts the bandwidth cap. */
    public LinkFaults unlimitedBandwidth() {
        this.bandwidth = null;
        return this;
    }

    /**
     * Writes at most {@code maxBytes} at a time, pausing {@code pause} after each write, so that the receiver's
     * reads return partial messages (with {@code TCP_NODELAY} on the proxy's sockets, each slice is its own segment).
     */
    public LinkFaults slices(int maxBytes, Duration pause) {
        this.sliceBytes = (int) Checks.positive("slice size in bytes", maxBytes);
        this.slicePause = Checks.nonNegative("pause between slices", pause);
        return this;
    }

    /** Forwards each chunk whole again. */
    public LinkFaults noSlicing() {
        this.sliceBytes = Integer.MAX_VALUE;
        this.slicePause = Duration.ZERO;
        return this;
    }

    /**
     * Stops forwarding: connections stay open, nothing more is read or written, so the receiver sees silence and
     * the sender, once the socket buffers are full, blocks. A chunk read before the stall is held until
     * {@link #resume()}; nothing is lost.
     */
    public LinkFaults stall() {
        lock.lock();
        try {
            stalled = true;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Ends a {@link #stall()}: forwarding goes on where it stopped. */
    public LinkFaults resume() {
        lock.lock();
        try {
            stalled = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Reads and discards everything in this direction (and does not pass on an end of stream). */
    public LinkFaults drop() {
        this.dropping = true;
        return this;
    }

    /** Ends {@link #drop()}: data read from now on is forwarded again. */
    public LinkFaults deliver() {
        this.dropping = false;
        return this;
    }

    /** Takes every fault of this direction away. */
    public LinkFaults clear() {
        return latency(Duration.ZERO, Duration.ZERO).unlimitedBandwidth().noSlicing().deliver().resume();
    }

    /** Waits while stalled; an interrupt (the connection is closing) ends the wait. */
    void awaitFlowing() throws InterruptedException {
        lock.lock();
        try {
            while (stalled) {
                resumed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    Duration nextLatency() {
        return latency.sample(ThreadLocalRandom.current().nextDouble());
    }

    @Nullable TokenBucket bandwidthCap() {
        return bandwidth;
    }

    int sliceBytes() {
        return sliceBytes;
    }

    Duration slicePause() {
        return slicePause;
    }

    boolean dropping() {
        return dropping;
    }
}
