package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.PluginMetrics;
import dev.ferry.source.coap.IngressCounts;
import dev.ferry.source.coap.Refusal;
import dev.ferry.tls.TlsMetrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, LongAdder> storedByTenant = new ConcurrentHashMap<>();
    private volatile @Nullable TlsMetrics tlsMetrics;

    Counters() {
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, new LongAdder());
        }
    }

    void countRefusal(Refusal reason) {
        refused.get(reason).increment();
    }

    void countAccepted(String tenant, int readings) {
        accepted.increment();
        stored.add(readings);
        storedByTenant.computeIfAbsent(tenant, t -> new LongAdder()).add(readings);
    }

    /** Readings stored, by tenant. */
    Map<String, Long> storedByTenant() {
        Map<String, Long> snapshot = new TreeMap<>();
        storedByTenant.forEach((tenant, count) -> snapshot.put(tenant, count.sum()));
        return snapshot;
    }

    /** Requests answered, by response code: 2.04 for those stored, the refusals' codes for the others. */
    Map<String, Long> requestsByCode() {
        Map<String, Long> byCode = new TreeMap<>();
        byCode.put("2.04", accepted.sum());
        refused.forEach((reason, count) -> byCode.merge(reason.code(), count.sum(), Long::sum));
        return byCode;
    }

    /** Offers the counts to the agent's metrics. */
    void register(PluginMetrics metrics) {
        metrics.counters("requests", "Requests answered, by response code.", "code", this::requestsByCode);
        metrics.counters("stored_readings", "Readings stored, by the tenant of the device that sent them.", "tenant",
                this::storedByTenant);
        metrics.counter("sessions_closed_by_devices", "DTLS sessions their devices closed.", sessionsClosed::sum);
        metrics.counter("sessions_evicted", "Idle DTLS sessions evicted to make room for a new device.", sessionsEvicted::sum);
        metrics.counter("sessions_refused", "New DTLS sessions refused because every slot held a handshake.",
                sessionsRefused::sum);
    }

    /** Refused handshakes are counted by reason in {@code metrics} too, where DTLS is served. */
    void countHandshakesIn(TlsMetrics metrics) {
        tlsMetrics = metrics;
    }

    /** @param reason the alert sent, as {@code bad_certificate}, or {@code unknown_psk_identity} */
    void countRefusedHandshake(String reason) {
        handshakes.increment();
        TlsMetrics byReason = tlsMetrics;
        if (byReason != null) {
            byReason.failed(reason);
        }
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
