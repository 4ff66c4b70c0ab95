package dev.ferry.format;

import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.format.internal.JsonOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Writes log entries as JSON: JSON Lines, a single object, or an array; one object per reading with its ID, one per
 * gap. The field names are a public format (other sinks reuse them), so changes here are breaking changes for users'
 * consumers.
 *
 * <pre>{"id":"gw-01:k3x9..:42","seq":42,"source":"boiler","metric":"temperature","value":21.5,"unit":"Cel",
 *  "time":"2026-11-21T20:31:05.123Z","tags":{"site":"plant-3"}}
 * {"gap":true,"agent":"gw-01","epoch":"k3x9..","first_seq":10,"last_seq":19,"count":10,"reason":"retention-bytes"}</pre>
 */
public final class JsonLines {

    private static final byte[] ID = name("id");
    private static final byte[] SEQ = name("seq");
    private static final byte[] SOURCE = name("source");
    private static final byte[] METRIC = name("metric");
    private static final byte[] VALUE = name("value");
    private static final byte[] UNIT = name("unit");
    private static final byte[] TIME = name("time");
    private static final byte[] TAGS = name("tags");
    private static final byte[] BASE64 = name("base64");
    private static final byte[] GAP = "{\"gap\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AGENT = name("agent");
    private static final byte[] EPOCH = name("epoch");
    private static final byte[] FIRST_SEQ = name("first_seq");
    private static final byte[] LAST_SEQ = name("last_seq");
    private static final byte[] COUNT = name("count");
    private static final byte[] REASON = name("reason");
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private JsonLines() {}

    /** Encodes entries as UTF-8 JSON Lines, each line ending in {@code \n}. */
    public static byte[] encode(Iterable<LogEntry> entries) throws IOException {
        JsonOutput json = new JsonOutput(1024);
        for (LogEntry entry : entries) {
            writeEntry(json, entry);
            json.raw('\n');
        }
        return json.toByteArray();
    }

    /** Encodes one entry as a JSON line. */
    public static byte[] encodeOne(LogEntry entry) throws IOException {
        return encode(java.util.List.of(entry));
    }

    /** One entry as a JSON object, without a line end: the payload of one MQTT message or CoAP request. */
    public static byte[] object(LogEntry entry) throws IOException {
        JsonOutput json = new JsonOutput(256);
        writeEntry(json, entry);
        return json.toByteArray();
    }

    /** Entries as one JSON array of the same objects: a batch in one message. */
    public static byte[] array(Iterable<LogEntry> entries) throws IOException {
        JsonOutput json = new JsonOutput(1024);
        json.raw('[');
        boolean first = true;
        for (LogEntry entry : entries) {
            if (!first) {
                json.raw(',');
            }
            writeEntry(json, entry);
            first = false;
        }
        json.raw(']');
        return json.toByteArray();
    }

    public static void write(Iterable<LogEntry> entries, OutputStream out) throws IOException {
        out.write(encode(entries));
    }

    static void writeEntry(JsonOutput json, LogEntry entry) {
        switch (entry) {
            case StoredReading stored -> writeReading(json, stored);
            case Gap gap -> writeGap(json, gap);
        }
    }

    private static void writeReading(JsonOutput json, StoredReading stored) {
        Reading reading = stored.reading();
        json.raw('{');
        json.raw(ID);
        json.readingId(stored.id());
        json.raw(',');
        json.raw(SEQ);
        json.number(stored.id().seq());
        json.raw(',');
        json.raw(SOURCE);
        json.string(reading.source());
        json.raw(',');
        json.raw(METRIC);
        json.string(reading.metric());
        json.raw(',');
        json.raw(VALUE);
        writeValue(json, reading.value());
        if (!reading.unit().isEmpty()) {
            json.raw(',');
            json.raw(UNIT);
            json.string(reading.unit());
        }
        json.raw(',');
        json.raw(TIME);
        json.time(reading.time());
        if (!reading.tags().isEmpty()) {
            json.raw(',');
            json.raw(TAGS);
            json.raw('{');
            boolean first = true;
            for (Map.Entry<String, String> tag : reading.tags().entrySet()) {
                if (!first) {
                    json.raw(',');
                }
                json.string(tag.getKey());
                json.raw(':');
                json.string(tag.getValue());
                first = false;
            }
            json.raw('}');
        }
        json.raw('}');
    }

    private static void writeValue(JsonOutput json, Value value) {
        switch (value) {
            case Value.Num num when Double.isFinite(num.value()) -> json.number(num.value());
            // JSON has no NaN or infinity; a string keeps the information without breaking parsers.
            case Value.Num num -> json.string(Double.toString(num.value()));
            case Value.Int i -> json.number(i.value());
            case Value.Bool b -> json.raw(b.value() ? TRUE : FALSE);
            case Value.Text text -> json.string(text.value());
            case Value.Bytes raw -> {
                json.raw('{');
                json.raw(BASE64);
                json.string(Base64.getEncoder().encodeToString(raw.value()));
                json.raw('}');
            }
        }
    }

    private static void writeGap(JsonOutput json, Gap gap) {
        json.raw(GAP);
        json.raw(',');
        json.raw(AGENT);
        json.string(gap.agent());
        json.raw(',');
        json.raw(EPOCH);
        json.string(gap.epoch());
        json.raw(',');
        json.raw(FIRST_SEQ);
        json.number(gap.firstSeq());
        json.raw(',');
        json.raw(LAST_SEQ);
        json.number(gap.lastSeq());
        json.raw(',');
        json.raw(COUNT);
        json.number(gap.count());
        json.raw(',');
        json.raw(REASON);
        json.string(gap.reason().label());
        json.raw('}');
    }

    /** A field name with its quotes and colon. */
    private static byte[] name(String field) {
        return ("\"" + field + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
