package dev.ferry.source.coap.internal;

import dev.ferry.api.Reading;
import dev.ferry.source.coap.Refusal;
import java.util.List;

/** What a request's payload came to: readings to store, or a refusal with the diagnostic for the device. */
public sealed interface Decoded {

    /** Readings tagged with the device and tenant, never empty. */
    record Accepted(List<Reading> readings) implements Decoded {
        public Accepted {
            readings = List.copyOf(readings);
        }
    }

    record Refused(Refusal reason, String message) implements Decoded {}
}
