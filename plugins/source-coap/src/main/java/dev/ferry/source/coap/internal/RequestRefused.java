package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.Refusal;

/** A request that gets an error response instead of being stored; the message is the diagnostic payload. */
final class RequestRefused extends Exception {

    private final Refusal reason;

    RequestRefused(Refusal reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Refusal reason() {
        return reason;
    }
}
