package dev.ferry.mqtt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Where operations wait until they complete: the writer's queue, then, for QoS 1 publishes and (un)subscribes,
 * {@link InFlight} until acknowledged. An operation is in one place at a time and moves atomically (a queue poll, a
 * slot swap), so whoever takes it completes it, exactly once, and a publish gives its window place back as it does.
 */
final class Outbox {

    final LinkedBlockingQueue<Outbound> queue = new LinkedBlockingQueue<>();
    final InFlight inFlight;

    Outbox(int window) {
        this.inFlight = new InFlight(window);
    }

    void completePublish(Outbound.PublishOp op) {
        inFlight.freeRoom(); // before completing, so a callback that publishes again finds room
        op.done().complete(null);
    }

    void fail(Outbound op, Throwable error) {
        switch (op) {
            case Outbound.PublishOp p -> {
                inFlight.freeRoom();
                p.done().completeExceptionally(error);
            }
            case Outbound.SubscribeOp s -> s.done().completeExceptionally(error);
            case Outbound.UnsubscribeOp u -> u.done().completeExceptionally(error);
            default -> { }
        }
    }

    /** Fails the queued operations; the writer's stop markers stay, or it would wait for the next item forever. */
    void failQueued(Throwable error) {
        List<Outbound> stopMarkers = null;
        for (Outbound op; (op = queue.poll()) != null; ) {
            if (op instanceof Outbound.Goodbye || op instanceof Outbound.Stop) {
                if (stopMarkers == null) {
                    stopMarkers = new ArrayList<>(1);
                }
                stopMarkers.add(op);
            } else {
                fail(op, error);
            }
        }
        if (stopMarkers != null) {
            queue.addAll(stopMarkers);
        }
    }

    /** After the connection ended: fails what the writer holds, what is queued, and what waits for an acknowledgement. */
    void failAll(List<Outbound.PublishOp> heldByWriter, Throwable error) {
        heldByWriter.forEach(op -> fail(op, error));
        heldByWriter.clear();
        failQueued(error);
        inFlight.takeAll(op -> fail(op, error));
    }
}
