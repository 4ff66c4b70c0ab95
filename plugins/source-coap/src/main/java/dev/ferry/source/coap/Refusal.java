package dev.ferry.source.coap;

/**
 * Why a request was answered with an error instead of stored, each with the CoAP response code it gets. Every
 * refusal stores nothing: a payload with one bad entry stores none of it.
 */
public enum Refusal {
    /** 4.00: the payload cannot be read (syntax, a field of the wrong type, no value, no readings). */
    MALFORMED("4.00"),
    /** 4.01: the request carries no identity: a DTLS session without a client certificate. */
    UNAUTHENTICATED("4.01"),
    /** 4.03: the payload claims another tenant or device, or the certificate names no usable tenant. */
    FORBIDDEN("4.03"),
    /** 4.04: no such resource. */
    UNKNOWN_RESOURCE("4.04"),
    /** 4.05: a method other than POST or PUT. */
    METHOD_NOT_ALLOWED("4.05"),
    /** 4.13: the body is larger than {@code max_body_size} (also when a block-wise upload grows past it). */
    TOO_LARGE("4.13"),
    /** 4.15: a Content-Format the ingress does not read, or none without {@code default_format}. */
    UNSUPPORTED_FORMAT("4.15"),
    /** 4.29: the device is over its rate limit. */
    RATE_LIMITED("4.29"),
    /** 5.03: {@code max_in_flight} requests are being stored already, or the source is stopping. */
    BUSY("5.03"),
    /** 5.03: the log could not store the readings. */
    NOT_STORED("5.03");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    /** The CoAP response code, e.g. {@code 4.03}. */
    public String code() {
        return code;
    }
}
