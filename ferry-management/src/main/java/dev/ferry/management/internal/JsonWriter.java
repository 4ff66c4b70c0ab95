package dev.ferry.management.internal;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small streaming JSON writer for the endpoint's answers, with the calls of Jackson's generator that they use. The
 * endpoint keeps its own because a scrape or a status request would otherwise load some seventy classes of a
 * general-purpose library into an agent whose memory is counted in classes; numbers that JSON cannot hold (NaN,
 * infinities) are written as {@code null}. Not thread-safe; one per answer.
 */
public final class JsonWriter implements AutoCloseable {

    private final StringBuilder text = new StringBuilder(1024);
    private final OutputStream out;
    /** For each open object or array, whether a value was written in it yet; as a bit stack, deepest last. */
    private long written;
    private int depth;
    private boolean afterName;

    public JsonWriter(OutputStream out) {
        this.out = out;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            long bit = 1L << (depth - 1);
            if ((written & bit) != 0) {
                text.append(',');
            }
            written |= bit;
        }
    }

    private void open(char bracket) {
        beforeValue();
        text.append(bracket);
        depth++;
        written &= ~(1L << (depth - 1));
    }

    public void writeStartObject() {
        open('{');
    }

    public void writeStartArray() {
        open('[');
    }

    public void writeEndObject() {
        depth--;
        text.append('}');
    }

    public void writeEndArray() {
        depth--;
        text.append(']');
    }

    public void writeFieldName(String name) {
        beforeValue();
        quote(name);
        text.append(':');
        afterName = true;
    }

    public void writeString(@Nullable String value) {
        beforeValue();
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
    }

    public void writeNumber(long value) {
        beforeValue();
        text.append(value);
    }

    public void writeNumber(double value) {
        beforeValue();
        if (Double.isFinite(value)) {
            text.append(value);
        } else {
            text.append("null");
        }
    }

    /** A number already in JSON's form, e.g. {@code 1733572800.123}. */
    public void writeRaw(String number) {
        beforeValue();
        text.append(number);
    }

    public void writeBoolean(boolean value) {
        beforeValue();
        text.append(value);
    }

    public void writeNull() {
        beforeValue();
        text.append("null");
    }

    public void writeObjectFieldStart(String name) {
        writeFieldName(name);
        writeStartObject();
    }

    public void writeArrayFieldStart(String name) {
        writeFieldName(name);
        writeStartArray();
    }

    public void writeStringField(String name, @Nullable String value) {
        writeFieldName(name);
        writeString(value);
    }

    public void writeNumberField(String name, long value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeNumberField(String name, double value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeBooleanField(String name, boolean value) {
        writeFieldName(name);
        writeBoolean(value);
    }

    public void writeNullField(String name) {
        writeFieldName(name);
        writeNull();
    }

    /** A JSON string literal of {@code value}, quotes included. */
    public static String quoted(String value) {
        JsonWriter json = new JsonWriter(OutputStream.nullOutputStream());
        json.quote(value);
        return json.text.toString();
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    @Override
    public void close() throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
