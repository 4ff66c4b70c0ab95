package dev.ferry.format;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.api.LogEntry;
import dev.ferry.format.internal.JsonOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes entries into one size-bounded message: a JSON array of reading objects or a SenML pack. Each entry is
 * encoded once, straight into the message; one that would push the message past the limit is taken out again and
 * belongs in the next message. A message always takes its first entry, even when that alone is over the limit.
 *
 * <p>Use: {@link #add} until it returns false or the entries run out, then {@link #finish}; the writer is then empty
 * and ready for the next message. Not thread-safe.
 */
public final class PackWriter {

    /** What the message holds. */
    public enum Format { JSON_ARRAY, SENML_JSON, SENML_CBOR }

    /** Array end: {@code ]} in JSON, the "break" byte of an indefinite-length array in CBOR. */
    private static final int CLOSING_BYTES = 1;
    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final Format format;
    private final long limit;
    /** Where a JSON array is written; null in the SenML formats, which Jackson writes into {@link #out}. */
    private final JsonOutput json;
    private final Buffer out;
    private JsonGenerator generator;
    private int count;

    public PackWriter(Format format, long limit) {
        this.format = format;
        this.limit = limit;
        this.json = format == Format.JSON_ARRAY ? new JsonOutput(INITIAL_CAPACITY) : null;
        this.out = format == Format.JSON_ARRAY ? null : new Buffer();
    }

    /** Adds {@code entry} if the message stays within the limit; false, and nothing added, if it would not. */
    public boolean add(LogEntry entry) throws IOException {
        if (format == Format.JSON_ARRAY) {
            return addJson(entry);
        }
        if (generator == null) {
            generator = format == Format.SENML_CBOR ? SenMl.cborGenerator(out) : SenMl.jsonGenerator(out);
            generator.writeStartArray();
        }
        generator.flush();
        int mark = out.size();
        SenMl.writeRecord(generator, format == Format.SENML_CBOR, entry, count == 0);
        generator.flush();
        if (count > 0 && out.size() + CLOSING_BYTES > limit) {
            out.truncate(mark);
            return false;
        }
        count++;
        return true;
    }

    private boolean addJson(LogEntry entry) {
        int mark = json.size();
        json.raw(count == 0 ? '[' : ',');
        JsonLines.writeEntry(json, entry);
        if (count > 0 && json.size() + CLOSING_BYTES > limit) {
            json.truncate(mark);
            return false;
        }
        count++;
        return true;
    }

    /** How many entries the message holds so far. */
    public int count() {
        return count;
    }

    /** Closes the message and returns it; the writer starts a new one at the next {@link #add}. */
    public byte[] finish() throws IOException {
        if (count == 0) {
            throw new IllegalStateException("no entry was added");
        }
        if (format == Format.JSON_ARRAY) {
            json.raw(']');
            byte[] message = json.toByteArray();
            json.reset();
            count = 0;
            return message;
        }
        generator.writeEndArray();
        generator.close();
        byte[] message = out.toByteArray();
        out.reset();
        generator = null;
        count = 0;
        return message;
    }

    /** Drops the message in progress, if any. */
    public void discard() throws IOException {
        if (json != null) {
            json.reset();
        } else if (generator != null) {
            generator.close();
            out.reset();
            generator = null;
        }
        count = 0;
    }

    /** A byte buffer that can drop what was written after a mark. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(INITIAL_CAPACITY);
        }

        void truncate(int size) {
            count = size;
        }
    }
}
