package dev.ferry.source.coap.internal.payload;

import dev.ferry.api.Nullable;
import dev.ferry.source.coap.PayloadFormat;

/** The decoder of each payload format, by format or by CoAP Content-Format number. */
public final class Decoders {

    private Decoders() {}

    public static PayloadDecoder of(PayloadFormat format) {
        return switch (format) {
            case SENML_JSON -> SenmlDecoder.JSON;
            case SENML_CBOR -> SenmlDecoder.CBOR;
            case JSON -> JsonReadingsDecoder.INSTANCE;
        };
    }

    /** The format of a Content-Format number, or null when the ingress does not read it. */
    public static @Nullable PayloadFormat format(int contentFormat) {
        for (PayloadFormat format : PayloadFormat.values()) {
            if (format.contentFormat() == contentFormat) {
                return format;
            }
        }
        return null;
    }
}
