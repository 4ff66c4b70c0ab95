package dev.ferry.source.coap.internal.payload;

import com.fasterxml.jackson.core.JsonParser;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The fields of a gap object in another Ferry's JSON, {@code {"gap":true,"agent":"gw-01","epoch":"..","first_seq":10,
 * "last_seq":19,"count":10,"reason":"retention-bytes"}}: readings that Ferry's log gave up before they were sent.
 * It becomes the reading its SenML would make, named {@code agent:ferry/gap} with the reason as text, so that a batch
 * with a gap is stored rather than refused whole, whatever the sender's encoding.
 */
final class JsonGap {

    /** The name Ferry's SenML gives a gap record. */
    static final String NAME = "ferry/gap";

    private boolean gap;
    private @Nullable String agent;
    private @Nullable String reason;

    /** Reads {@code field} if it is one of a gap's; false when it is not. */
    boolean read(JsonParser p, String field, String where) throws IOException, MalformedPayloadException {
        switch (field) {
            case "gap" -> gap = Tokens.bool(p, where);
            case "agent" -> agent = Tokens.text(p, where);
            case "reason" -> reason = Tokens.text(p, where);
            case "epoch" -> Tokens.text(p, where);
            case "first_seq", "last_seq", "count" -> Tokens.wholeNumber(p, where);
            default -> {
                return false;
            }
        }
        return true;
    }

    boolean isGap() {
        return gap;
    }

    Reading reading(String source, Instant now, String where) throws MalformedPayloadException {
        if (agent == null || reason == null) {
            throw new MalformedPayloadException(where + ": a gap needs `agent` and `reason`");
        }
        return new Reading(source, agent + ":" + NAME, new Value.Text(reason), "", now, Map.of());
    }
}
