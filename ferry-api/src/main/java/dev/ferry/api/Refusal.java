package dev.ferry.api;

import java.util.Objects;

/**
 * Why the far end (or the sink itself) refused an entry for good: sending it again unchanged would be refused again.
 *
 * @param code a short, stable label for counting and metrics, the same for every refusal with the same cause:
 *     {@code mqtt_0x87}, {@code coap_4.03}, {@code topic_too_long}, {@code send_threw}
 * @param reason one line for people, naming the cause and what to do about it where one knows; no sequence numbers
 *     or counts, so that a run of refusals with one cause reads the same and is logged once
 */
public record Refusal(String code, String reason) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        if (code.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a code");
        }
    }

    @Override
    public String toString() {
        return reason;
    }
}
