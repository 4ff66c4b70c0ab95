package dev.ferry.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SenML packs (RFC 8428) in JSON or CBOR: one record per reading, many readings per message.
 *
 * <ul>
 *   <li>The first record carries the base name {@code <agent>:}; each record's name is {@code <source>/<metric>},
 *       so a resolved name reads {@code gw-01:boiler/temperature}.</li>
 *   <li>{@code t} is absolute time in seconds since the epoch, with the fraction; {@code u} the unit when set.</li>
 *   <li>Values: {@code v} for numbers, {@code vb} booleans, {@code vs} text, {@code vd} bytes (base64url in JSON,
 *       a byte string in CBOR).</li>
 *   <li>Extension labels a SenML reader may ignore (none ends in {@code _}): {@code id} (the reading's ID) and
 *       {@code tags} (an object of strings, when the reading has tags).</li>
 *   <li>A gap is a record named {@code ferry/gap} with {@code vs} the reason and extension labels {@code first_seq},
 *       {@code last_seq}, {@code count}.</li>
 * </ul>
 * CBOR uses the registered integer labels (bn −2, n 0, u 1, v 2, vs 3, vb 4, t 6, vd 8) and text for extensions.
 */
public final class SenMl {

    static final String GAP_NAME = "ferry/gap";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final CBORFactory CBOR = CBORFactory.builder().build();

    private SenMl() {}

    /** A SenML JSON pack ({@code application/senml+json}). */
    public static byte[] json(List<LogEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 96 * entries.size());
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(new Labels.Text(generator), entries);
        }
        return out.toByteArray();
    }

    /** A SenML CBOR pack ({@code application/senml+cbor}). */
    public static byte[] cbor(List<LogEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * entries.size());
        try (CBORGenerator generator = CBOR.createGenerator(out)) {
            write(new Labels.Numeric(generator), entries);
        }
        return out.toByteArray();
    }

    private static void write(Labels out, List<LogEntry> entries) throws IOException {
        JsonGenerator g = out.generator();
        g.writeStartArray();
        boolean first = true;
        for (LogEntry entry : entries) {
            writeRecord(out, entry, first);
            first = false;
        }
        g.writeEndArray();
    }

    /** Writes one record into a pack being written by {@code generator}; the first one carries the base name. */
    static void writeRecord(JsonGenerator generator, boolean cbor, LogEntry entry, boolean first) throws IOException {
        writeRecord(cbor ? new Labels.Numeric((CBORGenerator) generator) : new Labels.Text(generator), entry, first);
    }

    static JsonGenerator jsonGenerator(java.io.OutputStream out) throws IOException {
        return JSON.createGenerator(out);
    }

    static JsonGenerator cborGenerator(java.io.OutputStream out) throws IOException {
        return CBOR.createGenerator(out);
    }

    private static void writeRecord(Labels out, LogEntry entry, boolean first) throws IOException {
        JsonGenerator g = out.generator();
        g.writeStartObject();
        if (first) {
            out.label(Labels.BASE_NAME);
            g.writeString(agentOf(entry) + ":");
        }
        switch (entry) {
            case StoredReading stored -> writeReading(out, stored);
            case Gap gap -> writeGap(out, gap);
        }
        g.writeEndObject();
    }

    private static String agentOf(LogEntry entry) {
        return switch (entry) {
            case StoredReading stored -> stored.id().agent();
            case Gap gap -> gap.agent();
        };
    }

    private static void writeReading(Labels out, StoredReading stored) throws IOException {
        JsonGenerator g = out.generator();
        Reading reading = stored.reading();
        out.label(Labels.NAME);
        g.writeString(reading.source() + "/" + reading.metric());
        if (!reading.unit().isEmpty()) {
            out.label(Labels.UNIT);
            g.writeString(reading.unit());
        }
        writeValue(out, reading.value());
        out.label(Labels.TIME);
        g.writeNumber(seconds(reading.time()));
        g.writeStringField("id", stored.id().toString());
        if (!reading.tags().isEmpty()) {
            g.writeObjectFieldStart("tags");
            for (Map.Entry<String, String> tag : reading.tags().entrySet()) {
                g.writeStringField(tag.getKey(), tag.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void writeValue(Labels out, Value value) throws IOException {
        JsonGenerator g = out.generator();
        switch (value) {
            case Value.Num num -> {
                out.label(Labels.VALUE);
                g.writeNumber(num.value());
            }
            case Value.Int i -> {
                out.label(Labels.VALUE);
                g.writeNumber(i.value());
            }
            case Value.Bool b -> {
                out.label(Labels.BOOLEAN_VALUE);
                g.writeBoolean(b.value());
            }
            case Value.Text text -> {
                out.label(Labels.STRING_VALUE);
                g.writeString(text.value());
            }
            case Value.Bytes raw -> {
                out.label(Labels.DATA_VALUE);
                out.bytes(raw.value());
            }
        }
    }

    private static void writeGap(Labels out, Gap gap) throws IOException {
        JsonGenerator g = out.generator();
        out.label(Labels.NAME);
        g.writeString(GAP_NAME);
        out.label(Labels.STRING_VALUE);
        g.writeString(gap.reason().label());
        g.writeNumberField("first_seq", gap.firstSeq());
        g.writeNumberField("last_seq", gap.lastSeq());
        g.writeNumberField("count", gap.count());
    }

    /** Seconds since the epoch with the fraction; exact to well under a microsecond for present-day times. */
    static double seconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }

    /** SenML's labels: names in JSON, registered integers in CBOR (RFC 8428, section 6). */
    private sealed interface Labels {
        int BASE_NAME = -2;
        int NAME = 0;
        int UNIT = 1;
        int VALUE = 2;
        int STRING_VALUE = 3;
        int BOOLEAN_VALUE = 4;
        int TIME = 6;
        int DATA_VALUE = 8;

        JsonGenerator generator();

        void label(int label) throws IOException;

        void bytes(byte[] data) throws IOException;

        record Text(JsonGenerator generator) implements Labels {
            @Override
            public void label(int label) throws IOException {
                generator.writeFieldName(switch (label) {
                    case BASE_NAME -> "bn";
                    case NAME -> "n";
                    case UNIT -> "u";
                    case VALUE -> "v";
                    case STRING_VALUE -> "vs";
                    case BOOLEAN_VALUE -> "vb";
                    case TIME -> "t";
                    case DATA_VALUE -> "vd";
                    default -> throw new IllegalArgumentException("no SenML label " + label);
                });
            }

            @Override
            public void bytes(byte[] data) throws IOException {
                generator.writeString(Base64.getUrlEncoder().withoutPadding().encodeToString(data));
            }
        }

        record Numeric(CBORGenerator generator) implements Labels {
            @Override
            public void label(int label) throws IOException {
                generator.writeFieldId(label);
            }

            @Override
            public void bytes(byte[] data) throws IOException {
                generator.writeBinary(data);
            }
        }
    }
}
