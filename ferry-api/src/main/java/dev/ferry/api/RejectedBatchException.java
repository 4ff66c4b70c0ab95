package dev.ferry.api;

import java.io.IOException;

/**
 * Fails a {@link Sink#send} stage when the far end refused the batch for good (a CoAP 4.xx, say) and the sink has
 * set the entries aside where a person can find them, such as a quarantine file. Sending them again would only be
 * refused again, so the runner moves the cursor past the batch as if it were acknowledged, counts {@link #entries()}
 * as rejected (and the rest of the batch as sent), and reports the sink DEGRADED with this message until a batch is
 * accepted whole again. Keep the message the same for the same cause (no sequence numbers or counts in it), so that a
 * run of refusals is logged once.
 *
 * <p>Only fail with this once the entries are kept somewhere: the log may delete them after the cursor moves on.
 */
public class RejectedBatchException extends IOException {

    private final int entries;

    /**
     * @param reason one line for health and logs, e.g. {@code 4.00 Bad Request: "unknown unit"; set aside in quarantine.jsonl}
     * @param entries how many of the batch's entries were refused; the others were accepted
     */
    public RejectedBatchException(String reason, int entries) {
        super(reason);
        if (entries < 1) {
            throw new IllegalArgumentException("a rejection needs at least one refused entry, was " + entries);
        }
        this.entries = entries;
    }

    public int entries() {
        return entries;
    }
}
