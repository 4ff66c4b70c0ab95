package dev.ferry.mqtt.internal;

import dev.ferry.api.Nullable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The publish window and the operations that wait for an acknowledgement, indexed by packet identifier.
 *
 * <p>Identifiers run from 1 to a little more than the window (room for subscribes), not to 65,535, so the table stays
 * small. An identifier is handed out again only after its acknowledgement took it back, as the specification asks.
 * Only the writer thread registers; the reader thread (on acknowledgements) and the thread that ends the connection
 * (on the final sweep) remove. Every slot changes atomically, so each operation is completed exactly once.
 */
final class InFlight {

    private static final int ROOM_FOR_SUBSCRIBES = 64;

    private final Semaphore window;
    private final AtomicReferenceArray<Outbound> slots;
    private final int highestId;
    private int lastId; // writer thread only
    private final AtomicInteger waiting = new AtomicInteger();
    /** When the oldest acknowledgement still awaited was due from: the last one that came, or the first send since none waited. */
    private volatile long progressNanos = System.nanoTime();

    InFlight(int windowSize) {
        this.window = new Semaphore(windowSize);
        this.highestId = Math.min(0xFFFF, windowSize + ROOM_FOR_SUBSCRIBES);
        this.slots = new AtomicReferenceArray<>(highestId + 1);
    }

    /** Waits for room in the window; each publish takes one place until it completes. */
    void awaitRoom() throws InterruptedException {
        window.acquire();
    }

    /** Takes a place in the window if one is free, without waiting. */
    boolean tryRoom() {
        return window.tryAcquire();
    }

    void freeRoom() {
        window.release();
    }

    /** Lets every waiting publisher through, once the connection ended, so they can fail at once. */
    void openFloodgates() {
        window.release(1 << 20);
    }

    /** Writer thread: gives {@code op} a free packet identifier; 0 when all are taken. */
    int register(Outbound op) {
        for (int tries = 0; tries < highestId; tries++) {
            lastId = lastId == highestId ? 1 : lastId + 1;
            if (slots.get(lastId) == null) {
                if (waiting.getAndIncrement() == 0) {
                    progressNanos = System.nanoTime();
                }
                slots.set(lastId, op);
                return lastId;
            }
        }
        return 0;
    }

    /** Takes the operation waiting under {@code id} if it is of {@code kind}; else leaves the slot alone and returns null. */
    <T extends Outbound> @Nullable T take(int id, Class<T> kind) {
        if (id < 1 || id > highestId) {
            return null;
        }
        Outbound op = slots.get(id);
        if (!kind.isInstance(op) || !slots.compareAndSet(id, op, null)) {
            return null;
        }
        waiting.decrementAndGet();
        progressNanos = System.nanoTime();
        return kind.cast(op);
    }

    /**
     * Since when acknowledgements have not progressed while some are awaited ({@link System#nanoTime()}); -1 when
     * none is awaited.
     */
    long stalledSinceNanos() {
        return waiting.get() > 0 ? progressNanos : -1;
    }

    /** Takes every waiting operation, for the final sweep. */
    void takeAll(Consumer<Outbound> each) {
        for (int id = 1; id <= highestId; id++) {
            Outbound op = slots.getAndSet(id, null);
            if (op != null) {
                waiting.decrementAndGet();
                each.accept(op);
            }
        }
    }
}
