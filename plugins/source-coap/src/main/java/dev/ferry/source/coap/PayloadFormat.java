package dev.ferry.source.coap;

/** The payload formats the ingress reads, with their CoAP Content-Format numbers. */
public enum PayloadFormat {
    /** {@code application/senml+json} (RFC 8428). */
    SENML_JSON(110),
    /** {@code application/senml+cbor} (RFC 8428). */
    SENML_CBOR(112),
    /** {@code application/json}: an object of metric → value, or an array of reading objects. */
    JSON(50);

    private final int contentFormat;

    PayloadFormat(int contentFormat) {
        this.contentFormat = contentFormat;
    }

    public int contentFormat() {
        return contentFormat;
    }
}
