package dev.ferry.testkit.net;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one UDP session: decides each datagram's fate with {@link DatagramFaults} and the session's
 * own seeded random, then sends it from {@code socket} to {@code destination}, at once or later on the timer.
 * {@link #offer} is called by one receiving thread; the timer sends delayed and held datagrams.
 */
final class DatagramLink {

    /** A datagram on its way: its bytes, how many times it goes out, and how long after arriving. */
    private record Outgoing(byte[] data, int copies, Duration delay) {}

    private final DatagramFaults faults;
    private final DatagramCounters counters;
    private final Random random;
    private final DatagramSocket socket;
    private final SocketAddress destination;
    private final ScheduledExecutorService timer;
    private @Nullable Outgoing held; // guarded by this

    DatagramLink(DatagramFaults faults, DatagramCounters counters, Random random, DatagramSocket socket,
            SocketAddress destination, ScheduledExecutorService timer) {
        this.faults = faults;
        this.counters = counters;
        this.random = random;
        this.socket = socket;
        this.destination = destination;
        this.timer = timer;
    }

    synchronized void offer(byte[] data) {
        counters.received.increment();
        // always four draws, so that a datagram's fate depends on the seed and its place, not on the settings
        boolean lost = random.nextDouble() < faults.loss();
        boolean twice = random.nextDouble() < faults.duplication();
        boolean hold = random.nextDouble() < faults.reordering();
        Duration delay = faults.sampleLatency(random.nextDouble());
        if (lost) {
            counters.lost.increment();
            return;
        }
        if (twice) {
            counters.duplicated.increment();
        }
        Outgoing outgoing = new Outgoing(data, twice ? 2 : 1, delay);
        if (hold && held == null) {
            counters.reordered.increment();
            held = outgoing;
            later(faults.maxHold(), () -> release(outgoing));
            return;
        }
        emit(outgoing);
        if (held != null) {
            emit(held);
            held = null;
        }
    }

    /** The hold ran out with no datagram after it. */
    private synchronized void release(Outgoing outgoing) {
        if (held == outgoing) {
            held = null;
            emit(outgoing);
        }
    }

    private void emit(Outgoing outgoing) {
        if (outgoing.delay().isPositive()) {
            later(outgoing.delay(), () -> send(outgoing));
        } else {
            send(outgoing);
        }
    }

    private void send(Outgoing outgoing) {
        for (int i = 0; i < outgoing.copies(); i++) {
            try {
                counters.sent.increment();
                socket.send(new DatagramPacket(outgoing.data(), outgoing.data().length, destination));
            } catch (IOException closedOrUnreachable) {
                return; // UDP promises nothing; the proxy is closing or the peer is gone
            }
        }
    }

    private void later(Duration delay, Runnable task) {
        try {
            timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the proxy is closing: nothing more is sent
        }
    }
}
