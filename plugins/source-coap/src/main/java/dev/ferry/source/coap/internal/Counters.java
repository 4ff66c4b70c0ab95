package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.IngressCounts;
import dev.ferry.source.coap.Refusal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The ingress's counts, written from Californium's and the request threads, read from anywhere. */
final class Counters implements IngressCounts {

    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    private final LongAdder accepted = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private final LongAdder sessionsEvicted = new LongAdder();
    private final LongAdder sessionsRefused = new LongAdder();

    Counters() {
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, new LongAdder());
        }
    }

    void countRefusal(Refusal reason) {
        refused.get(reason).increment();
    }

    void countAccepted(int readings) {
        accepted.increment();
        stored.add(readings);
    }

    void countRefusedHandshake() {
        handshakes.increment();
    }

    void countSessionClosed() {
        sessionsClosed.increment();
    }

    void countSessionEvicted() {
        sessionsEvicted.increment();
    }

    void countSessionRefused() {
        sessionsRefused.increment();
    }

    @Override
    public long acceptedRequests() {
        return accepted.sum();
    }

    @Override
    public long storedReadings() {
        return stored.sum();
    }

    @Override
    public long refused(Refusal reason) {
        return refused.get(reason).sum();
    }

    @Override
    public Map<Refusal, Long> refusals() {
        Map<Refusal, Long> snapshot = new EnumMap<>(Refusal.class);
        refused.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }

    @Override
    public long refusedHandshakes() {
        return handshakes.sum();
    }

    @Override
    public long sessionsClosedByDevices() {
        return sessionsClosed.sum();
    }

    @Override
    public long sessionsEvicted() {
        return sessionsEvicted.sum();
    }

    @Override
    public long sessionsRefusedForRoom() {
        return sessionsRefused.sum();
    }

    @Override
    public String toString() {
        return "accepted " + acceptedRequests() + " (" + storedReadings() + " readings), refused " + refusals()
                + ", handshakes refused " + refusedHandshakes() + ", sessions closed by devices "
                + sessionsClosedByDevices() + ", evicted " + sessionsEvicted() + ", refused for room "
                + sessionsRefusedForRoom();
    }
}
