package dev.ferry.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Map;

/**
 * Writes log entries as JSON: JSON Lines, a single object, or an array; one object per reading with its ID, one per
 * gap. The field names are a
 * public format (other sinks reuse them), so changes here are breaking changes for users' consumers.
 *
 * <pre>{"id":"gw-01:k3x9..:42","seq":42,"source":"boiler","metric":"temperature","value":21.5,"unit":"Cel",
 *  "time":"2026-11-21T20:31:05.123Z","tags":{"site":"plant-3"}}
 * {"gap":true,"agent":"gw-01","epoch":"k3x9..","first_seq":10,"last_seq":19,"count":10,"reason":"retention-bytes"}</pre>
 */
public final class JsonLines {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonLines() {}

    /** Encodes entries as UTF-8 JSON Lines, each line ending in {@code \n}. */
    public static byte[] encode(Iterable<LogEntry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        write(entries, bytes);
        return bytes.toByteArray();
    }

    /** Encodes one entry as a JSON line. */
    public static byte[] encodeOne(LogEntry entry) throws IOException {
        return encode(java.util.List.of(entry));
    }

    static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** One entry as a JSON object, without a line end: the payload of one MQTT message or CoAP request. */
    public static byte[] object(LogEntry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            writeEntry(json, entry);
        }
        return bytes.toByteArray();
    }

    /** Entries as one JSON array of the same objects: a batch in one message. */
    public static byte[] array(Iterable<LogEntry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.writeStartArray();
            for (LogEntry entry : entries) {
                writeEntry(json, entry);
            }
            json.writeEndArray();
        }
        return bytes.toByteArray();
    }

    static void writeEntry(JsonGenerator json, LogEntry entry) throws IOException {
        switch (entry) {
            case StoredReading stored -> writeReading(json, stored);
            case Gap gap -> writeGap(json, gap);
        }
    }

    public static void write(Iterable<LogEntry> entries, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (LogEntry entry : entries) {
                writeEntry(json, entry);
                json.flush();
                out.write('\n');
            }
        }
    }

    private static void writeReading(JsonGenerator json, StoredReading stored) throws IOException {
        Reading reading = stored.reading();
        json.writeStartObject();
        json.writeStringField("id", stored.id().toString());
        json.writeNumberField("seq", stored.id().seq());
        json.writeStringField("source", reading.source());
        json.writeStringField("metric", reading.metric());
        json.writeFieldName("value");
        writeValue(json, reading.value());
        if (!reading.unit().isEmpty()) {
            json.writeStringField("unit", reading.unit());
        }
        json.writeStringField("time", reading.time().toString());
        if (!reading.tags().isEmpty()) {
            json.writeObjectFieldStart("tags");
            for (Map.Entry<String, String> tag : reading.tags().entrySet()) {
                json.writeStringField(tag.getKey(), tag.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Value value) throws IOException {
        switch (value) {
            case Value.Num num when Double.isFinite(num.value()) -> json.writeNumber(num.value());
            // JSON has no NaN or infinity; a string keeps the information without breaking parsers.
            case Value.Num num -> json.writeString(Double.toString(num.value()));
            case Value.Int i -> json.writeNumber(i.value());
            case Value.Bool b -> json.writeBoolean(b.value());
            case Value.Text text -> json.writeString(text.value());
            case Value.Bytes raw -> {
                json.writeStartObject();
                json.writeStringField("base64", Base64.getEncoder().encodeToString(raw.value()));
                json.writeEndObject();
            }
        }
    }

    private static void writeGap(JsonGenerator json, Gap gap) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("gap", true);
        json.writeStringField("agent", gap.agent());
        json.writeStringField("epoch", gap.epoch());
        json.writeNumberField("first_seq", gap.firstSeq());
        json.writeNumberField("last_seq", gap.lastSeq());
        json.writeNumberField("count", gap.count());
        json.writeStringField("reason", gap.reason().label());
        json.writeEndObject();
    }
}
