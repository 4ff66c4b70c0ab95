package dev.ferry.source.coap.internal.payload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.ferry.api.Reading;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A SenML pack (RFC 8428) in JSON or CBOR: an array of records. Fields this gateway does not know are skipped,
 * except those whose name ends in {@code _}, which RFC 8428 makes must-understand: they refuse the pack. A field
 * given twice in a record refuses it too, so no reader can be fooled by which of the two counts.
 */
final class SenmlDecoder implements PayloadDecoder {

    static final SenmlDecoder JSON = new SenmlDecoder(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build(), false);
    /**
     * Without Jackson's table of field names: it would match a text key with stray 0xFF bytes, which is not UTF-8,
     * to a shorter key some earlier payload sent, instead of refusing it.
     */
    static final SenmlDecoder CBOR = new SenmlDecoder(CBORFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build(), true);

    private final JsonFactory factory;
    private final boolean cbor;

    private SenmlDecoder(JsonFactory factory, boolean cbor) {
        this.factory = factory;
        this.cbor = cbor;
    }

    @Override
    public List<Reading> decode(byte[] payload, String source, Instant now) throws MalformedPayloadException {
        if (!cbor) {
            Tokens.requireUtf8(payload);
        }
        try (JsonParser p = factory.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedPayloadException("a SenML pack is an array of records");
            }
            SenmlResolver resolver = new SenmlResolver(source, now);
            List<Reading> readings = new ArrayList<>();
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                if (t != JsonToken.START_OBJECT) {
                    throw new MalformedPayloadException("record " + index + " must be " + (cbor ? "a map" : "an object")
                            + ", got " + (t == null ? "the end of the payload" : Tokens.describe(t)));
                }
                Reading reading = resolver.resolve(record(p, index), index);
                if (reading != null) {
                    readings.add(reading);
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedPayloadException("data after the end of the pack");
            }
            return readings;
        } catch (JacksonException e) {
            throw new MalformedPayloadException("not valid " + (cbor ? "CBOR" : "JSON") + ": " + Tokens.parserMessage(e));
        } catch (IOException e) {
            throw new MalformedPayloadException("cannot read the payload: " + e.getMessage());
        }
    }

    private SenmlRecord record(JsonParser p, int index) throws IOException, MalformedPayloadException {
        SenmlRecord r = new SenmlRecord();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new MalformedPayloadException("record " + index + " ends early");
            }
            String key = p.currentName();
            p.nextToken();
            SenmlField field = SenmlField.byKey(key, cbor);
            if (field != null) {
                read(p, field, r, "record " + index + ": `" + field.label() + "`");
            } else if (key.equals(SenmlField.TAGS)) {
                r.tags = Tokens.tags(p, "record " + index + ": `tags`");
            } else if (key.equals(SenmlField.ID)) {
                String where = "record " + index + ": `id`";
                r.id = OriginIds.checked(Tokens.text(p, where), where);
            } else if (key.endsWith("_")) {
                throw new MalformedPayloadException("record " + index + ": `" + key + "` is a must-understand field"
                        + " this gateway does not know");
            } else {
                p.skipChildren(); // an extension a reader may ignore
            }
        }
        return r;
    }

    private static void read(JsonParser p, SenmlField field, SenmlRecord r, String where)
            throws IOException, MalformedPayloadException {
        switch (field) {
            case BASE_VERSION -> r.baseVersion = Tokens.wholeNumber(p, where);
            case BASE_NAME -> r.baseName = Tokens.text(p, where);
            case BASE_TIME -> r.baseTime = Tokens.seconds(p, where);
            case BASE_UNIT -> r.baseUnit = Tokens.text(p, where);
            case BASE_VALUE -> r.baseValue = Tokens.number(p, where);
            case BASE_SUM -> r.baseSum = Tokens.number(p, where);
            case NAME -> r.name = Tokens.text(p, where);
            case UNIT -> r.unit = Tokens.text(p, where);
            case VALUE -> r.value = Tokens.number(p, where);
            case STRING_VALUE -> r.stringValue = Tokens.text(p, where);
            case BOOLEAN_VALUE -> r.booleanValue = Tokens.bool(p, where);
            case SUM -> r.sum = Tokens.number(p, where);
            case TIME -> r.time = Tokens.seconds(p, where);
            case UPDATE_TIME -> {
                Tokens.seconds(p, where); // an update interval says nothing about this reading
                r.updateTime = true;
            }
            case DATA_VALUE -> r.dataValue = data(p, where);
        }
    }

    /** A byte string in CBOR; base64url text in JSON (padding optional). */
    private static byte[] data(JsonParser p, String where) throws IOException, MalformedPayloadException {
        if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return p.getBinaryValue();
        }
        String text = Tokens.text(p, where);
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(where + " is not base64url: " + e.getMessage());
        }
    }
}
