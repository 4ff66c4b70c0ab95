package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.source.coap.PayloadFormat;
import dev.ferry.source.coap.Refusal;
import dev.ferry.source.coap.internal.payload.Decoders;
import dev.ferry.source.coap.internal.payload.MalformedPayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From a request's Content-Format and payload to readings ready for the log, or to the refusal the device gets:
 * 4.15 for a format not read here, 4.00 for a payload that cannot be read or holds no reading, 4.03 for one that
 * claims another tenant or device. Each reading gets the tags {@code tenant} and {@code device} of its sender.
 * Thread-safe.
 */
public final class PayloadDecoding {

    /** Californium's value for a request without a Content-Format option. */
    public static final int NO_FORMAT = -1;

    private final String source;
    private final @Nullable PayloadFormat defaultFormat;

    public PayloadDecoding(String source, @Nullable PayloadFormat defaultFormat) {
        this.source = source;
        this.defaultFormat = defaultFormat;
    }

    public Decoded decode(int contentFormat, byte[] payload, DeviceIdentity who, Instant now) {
        PayloadFormat format = contentFormat == NO_FORMAT ? defaultFormat : Decoders.format(contentFormat);
        if (format == null) {
            return new Decoded.Refused(Refusal.UNSUPPORTED_FORMAT, (contentFormat == NO_FORMAT
                    ? "the request has no Content-Format"
                    : "Content-Format " + contentFormat + " is not read here")
                    + "; send 110 (SenML JSON), 112 (SenML CBOR) or 50 (JSON)");
        }
        List<Reading> readings;
        try {
            readings = Decoders.of(format).decode(payload, source, now);
        } catch (MalformedPayloadException e) {
            return new Decoded.Refused(Refusal.MALFORMED, e.getMessage());
        }
        if (readings.isEmpty()) {
            return new Decoded.Refused(Refusal.MALFORMED, "the payload holds no readings");
        }
        String violation = TenantClaims.violation(readings, who);
        if (violation != null) {
            return new Decoded.Refused(Refusal.FORBIDDEN, violation);
        }
        List<Reading> tagged = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            Map<String, String> tags = new LinkedHashMap<>(r.tags());
            tags.put(TenantClaims.TENANT_TAG, who.tenant());
            tags.put(TenantClaims.DEVICE_TAG, who.device());
            tagged.add(new Reading(r.source(), r.metric(), r.value(), r.unit(), r.time(), tags));
        }
        return new Decoded.Accepted(tagged);
    }
}
