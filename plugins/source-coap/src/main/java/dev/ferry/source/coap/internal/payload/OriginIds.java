package dev.ferry.source.coap.internal.payload;

import dev.ferry.api.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tag {@value #TAG}: the ID a reading was given where it was first logged, so that whoever reads the
 * aggregated data can tell a re-sent reading from a new one. Another Ferry sends each reading's ID as {@code id}
 * (a SenML extension field, or a field of its JSON); a reading that crossed more than one Ferry already carries the
 * tag, and the first hop's ID is kept. A device that is no Ferry may send an {@code id} of its own making too.
 */
public final class OriginIds {

    public static final String TAG = "origin_id";

    private static final Pattern ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    private OriginIds() {}

    /** A sent {@code id}, checked: 1 to 256 characters, no control characters. */
    static String checked(String id, String where) throws MalformedPayloadException {
        if (!ID.matcher(id).matches()) {
            throw new MalformedPayloadException(where + ": an ID is 1 to 256 characters, none of them a control"
                    + " character");
        }
        return id;
    }

    /** {@code tags} with {@value #TAG} set to {@code id}, unless there is no ID or the tag is set already. */
    static Map<String, String> tagged(Map<String, String> tags, @Nullable String id) {
        if (id == null || tags.containsKey(TAG)) {
            return tags;
        }
        Map<String, String> withOrigin = new LinkedHashMap<>(tags);
        withOrigin.put(TAG, id);
        return withOrigin;
    }
}
