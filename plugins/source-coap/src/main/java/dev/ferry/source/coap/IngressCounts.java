package dev.ferry.source.coap;

import java.util.Map;

/**
 * What the ingress has accepted and refused since it was created, for tests and metrics. Counts only grow; reading
 * them is cheap and safe from any thread. A request answered twice (a retransmitted response) counts once.
 */
public interface IngressCounts {

    /** Requests answered 2.04 after their readings were committed to the log. */
    long acceptedRequests();

    /** Readings committed to the log. */
    long storedReadings();

    /** Requests refused for {@code reason}. */
    long refused(Refusal reason);

    /** Every reason with its count, zeros included, in the order of {@link Refusal}. */
    Map<Refusal, Long> refusals();

    /**
     * DTLS handshakes the gateway refused: untrusted or missing certificate, no tenant, unknown PSK identity. A wrong
     * pre-shared key is not among them: its handshake times out like that of a device that went away.
     */
    long refusedHandshakes();

    /** DTLS sessions their devices closed with close_notify; each freed its slot at once. */
    long sessionsClosedByDevices();

    /**
     * DTLS sessions removed to make room for a new handshake while all {@code max_sessions} were taken: the least
     * recently used session not in a handshake. Its device's next request needs a new handshake.
     */
    long sessionsEvicted();

    /** New handshakes refused because every one of {@code max_sessions} slots held a handshake in progress. */
    long sessionsRefusedForRoom();
}
