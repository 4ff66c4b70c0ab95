package dev.ferry.source.coap.internal.payload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.Value;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plain JSON ({@code application/json}) in one of two shapes:
 * <ul>
 *   <li>an object of metric to value, {@code {"temperature": 21.5, "door": "open"}}: readings timed now, no unit;</li>
 *   <li>an array of readings with the field names of Ferry's JSON Lines: {@code [{"metric": "temperature",
 *       "value": 21.5, "unit": "Cel", "time": 1767225600, "tags": {"room": "a"}}]}; {@code metric} and
 *       {@code value} are required, {@code time} is SenML seconds or RFC 3339 text, a value of bytes is
 *       {@code {"base64": "..."}}.</li>
 * </ul>
 * What another Ferry's JSON sink sends is read in full: each reading's {@code id} becomes the tag
 * {@value OriginIds#TAG}, its {@code source} part of the name, and a gap object a reading as in SenML.
 */
final class JsonReadingsDecoder implements PayloadDecoder {

    static final JsonReadingsDecoder INSTANCE = new JsonReadingsDecoder();

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern METRIC = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    private JsonReadingsDecoder() {}

    @Override
    public List<Reading> decode(byte[] payload, String source, Instant now) throws MalformedPayloadException {
        Tokens.requireUtf8(payload);
        try (JsonParser p = FACTORY.createParser(payload)) {
            JsonToken first = p.nextToken();
            List<Reading> readings = new ArrayList<>();
            if (first == JsonToken.START_OBJECT) {
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String metric = metric(p.currentName(), "`" + p.currentName() + "`");
                    p.nextToken();
                    readings.add(new Reading(source, metric, Tokens.scalar(p, "`" + metric + "`"), "", now, Map.of()));
                }
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                    if (t != JsonToken.START_OBJECT) {
                        throw new MalformedPayloadException("reading " + index + " must be an object, got "
                                + (t == null ? "the end of the payload" : Tokens.describe(t)));
                    }
                    readings.add(reading(p, "reading " + index, source, now));
                }
            } else {
                throw new MalformedPayloadException("expected an object of metric to value, or an array of readings");
            }
            if (p.nextToken() != null) {
                throw new MalformedPayloadException("data after the end of the JSON value");
            }
            return readings;
        } catch (JacksonException e) {
            throw new MalformedPayloadException("not valid JSON: " + Tokens.parserMessage(e));
        } catch (IOException e) {
            throw new MalformedPayloadException("cannot read the payload: " + e.getMessage());
        }
    }

    private static Reading reading(JsonParser p, String where, String source, Instant now)
            throws IOException, MalformedPayloadException {
        String metric = null;
        Value value = null;
        String unit = "";
        Instant time = now;
        Map<String, String> tags = Map.of();
        String id = null;
        String origin = null;
        JsonGap gap = new JsonGap();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new MalformedPayloadException(where + " ends early");
            }
            String field = p.currentName();
            p.nextToken();
            String at = where + ": `" + field + "`";
            switch (field) {
                case "metric" -> metric = Tokens.text(p, at);
                case "value" -> value = value(p, at);
                case "unit" -> unit = Tokens.text(p, at);
                case "time" -> time = p.currentToken() == JsonToken.VALUE_STRING
                        ? Times.fromText(p.getText(), where)
                        : Times.fromSeconds(Tokens.seconds(p, at), now, where);
                case "tags" -> tags = Tokens.tags(p, at);
                case "id" -> id = OriginIds.checked(Tokens.text(p, at), at);
                case "seq" -> Tokens.wholeNumber(p, at); // the ID holds it too
                case "source" -> origin = Tokens.text(p, at);
                default -> {
                    if (!gap.read(p, field, at)) {
                        throw new MalformedPayloadException(where + ": unknown field `" + field + "`; a reading has"
                                + " metric, value, unit, time and tags, and from another Ferry id, seq and source");
                    }
                }
            }
        }
        if (gap.isGap()) {
            return gap.reading(source, now, where);
        }
        String name = metric(named(required(metric, where, "metric"), origin, id), where + ": `metric`");
        return new Reading(source, name, required(value, where, "value"), unit, time, OriginIds.tagged(tags, id));
    }

    /**
     * A reading another Ferry sent is named as its SenML would name it, {@code agent:source/metric}, so that the
     * encoding the sender chose makes no difference here.
     */
    private static String named(String metric, @Nullable String origin, @Nullable String id) {
        if (origin == null) {
            return metric;
        }
        String agent = null;
        if (id != null) {
            try {
                agent = ReadingId.parse(id).agent();
            } catch (IllegalArgumentException notFerrys) {
                // an ID of the device's own making names no agent
            }
        }
        return (agent == null ? "" : agent + ":") + origin + "/" + metric;
    }

    /** A number, text, boolean, or {@code {"base64": "..."}} for bytes, as the file sink writes them. */
    private static Value value(JsonParser p, String where) throws IOException, MalformedPayloadException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return Tokens.scalar(p, where);
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("base64")) {
            throw new MalformedPayloadException(where + " must be a number, text, a boolean or {\"base64\": \"...\"}");
        }
        p.nextToken();
        String text = Tokens.text(p, where + ".base64");
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new MalformedPayloadException(where + " must be a number, text, a boolean or {\"base64\": \"...\"}");
        }
        try {
            return new Value.Bytes(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(where + ".base64 is not Base64: " + e.getMessage());
        }
    }

    private static String metric(String name, String where) throws MalformedPayloadException {
        if (!METRIC.matcher(name).matches()) {
            throw new MalformedPayloadException(where + ": a metric name is 1 to 256 characters, none of them a"
                    + " control character");
        }
        return name;
    }

    private static <T> T required(@Nullable T value, String where, String field) throws MalformedPayloadException {
        if (value == null) {
            throw new MalformedPayloadException(where + " has no `" + field + "`");
        }
        return value;
    }
}
