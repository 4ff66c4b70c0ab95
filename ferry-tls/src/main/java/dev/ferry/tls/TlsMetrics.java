package dev.ferry.tls;

import dev.ferry.api.Nullable;
import dev.ferry.api.PluginMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a plugin speaking TLS or DTLS offers to the agent's metrics: its certificate's expiry time and its failed
 * handshakes by reason. Thread-safe.
 */
public final class TlsMetrics {

    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    private TlsMetrics() {}

    /**
     * Registers the figures of {@code tls} with {@code metrics}; count failed handshakes through {@link #failed}.
     *
     * @param tls the certificate this side presents; null for a pre-shared key, which has no expiry time
     */
    public static TlsMetrics register(PluginMetrics metrics, @Nullable ClientTls tls) {
        TlsMetrics figures = new TlsMetrics();
        if (tls != null) {
            metrics.gauge("certificate_expiry_timestamp_seconds", "When the certificate this side presents expires (0 when"
                    + " it presents none).", () -> {
                        var chain = tls.current().chain();
                        return chain.isEmpty() ? 0 : chain.getFirst().getNotAfter().getTime() / 1000.0;
                    });
        }
        metrics.counters("tls_handshake_failures", "Failed TLS and DTLS handshakes, by reason: server_not_trusted, an alert the"
                + " far end sent (bad_certificate, handshake_failure, ...), no_common_parameters, not_tls, timeout.",
                "reason", figures::byReason);
        return figures;
    }

    /** A connection made with {@code identity} failed; counted when it was a failed handshake. */
    public void failed(@Nullable TlsIdentity identity, Throwable failure) {
        String code = identity == null ? null : identity.handshakeFailureCode(failure);
        if (code != null) {
            failed(code);
        }
    }

    /** A handshake failed for {@code reason}, a code as {@code server_not_trusted} or an alert's name. */
    public void failed(String reason) {
        failures.computeIfAbsent(reason, c -> new LongAdder()).increment();
    }

    private Map<String, Long> byReason() {
        Map<String, Long> snapshot = new TreeMap<>();
        failures.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }
}
