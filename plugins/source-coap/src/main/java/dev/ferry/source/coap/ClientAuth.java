package dev.ferry.source.coap;

/** Whether a device must show a certificate on a certificate cipher suite. */
public enum ClientAuth {
    /** The handshake fails without a client certificate (the default). */
    NEEDED,
    /** The handshake succeeds without one; every request of such a session is answered 4.01. */
    WANTED
}
