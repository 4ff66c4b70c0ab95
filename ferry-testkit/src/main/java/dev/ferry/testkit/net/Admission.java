package dev.ferry.testkit.net;

/** What a client that connects to a {@link FaultProxy} meets; the proxy's port stays the same in every mode. */
public enum Admission {
    /** Connections are accepted and forwarded (subject to the other faults). */
    ACCEPT,
    /** Nothing listens: a connect fails at once with "Connection refused", as when the server is not running. */
    REFUSE,
    /**
     * The port listens but its accept queue is full, so the kernel drops each SYN: a connect hangs until the
     * client's own connect timeout, as behind a firewall that drops packets. A client still retrying when the
     * proxy accepts again connects on its next SYN retransmission.
     */
    HANG
}
