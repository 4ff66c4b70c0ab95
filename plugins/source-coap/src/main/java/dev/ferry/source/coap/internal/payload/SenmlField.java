package dev.ferry.source.coap.internal.payload;

import java.util.HashMap;
import java.util.Map;

/** The SenML fields the ingress reads, with their JSON names and CBOR labels (RFC 8428, sections 4 and 6). */
enum SenmlField {
    BASE_VERSION("bver", -1),
    BASE_NAME("bn", -2),
    BASE_TIME("bt", -3),
    BASE_UNIT("bu", -4),
    BASE_VALUE("bv", -5),
    BASE_SUM("bs", -6),
    NAME("n", 0),
    UNIT("u", 1),
    VALUE("v", 2),
    STRING_VALUE("vs", 3),
    BOOLEAN_VALUE("vb", 4),
    SUM("s", 5),
    TIME("t", 6),
    UPDATE_TIME("ut", 7),
    DATA_VALUE("vd", 8);

    /** Ferry's own extension (as its SenML writer sends it): an object of tag name to text, under a text key in CBOR too. */
    static final String TAGS = "tags";
    /** Ferry's own extension: the reading's ID in the log of the Ferry that sent it, text under a text key. */
    static final String ID = "id";

    private static final Map<String, SenmlField> BY_JSON_NAME = new HashMap<>();
    private static final Map<String, SenmlField> BY_CBOR_LABEL = new HashMap<>();

    static {
        for (SenmlField field : values()) {
            BY_JSON_NAME.put(field.jsonName, field);
            // Jackson's CBOR parser reports an integer map key as its decimal text.
            BY_CBOR_LABEL.put(Integer.toString(field.cborLabel), field);
        }
    }

    private final String jsonName;
    private final int cborLabel;

    SenmlField(String jsonName, int cborLabel) {
        this.jsonName = jsonName;
        this.cborLabel = cborLabel;
    }

    /** The JSON name, used in messages for both encodings. */
    String label() {
        return jsonName;
    }

    /** The field a key stands for, or null for an extension. */
    static SenmlField byKey(String key, boolean cbor) {
        return (cbor ? BY_CBOR_LABEL : BY_JSON_NAME).get(key);
    }
}
