package dev.ferry.source.coap.internal.payload;

/** A payload that cannot be read; the message says where and why, and goes back to the device as the diagnostic. */
public final class MalformedPayloadException extends Exception {

    public MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
