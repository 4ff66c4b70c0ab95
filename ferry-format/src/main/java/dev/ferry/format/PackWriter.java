package dev.ferry.format;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.api.LogEntry;
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

    private final Format format;
    private final long limit;
    private final Buffer out = new Buffer();
    private JsonGenerator generator;
    private int count;

    public PackWriter(Format format, long limit) {
        this.format = format;
        this.limit = limit;
    }

    /** Adds {@code entry} if the message stays within the limit; false, and nothing added, if it would not. */
    public boolean add(LogEntry entry) throws IOException {
        if (generator == null) {
            generator = format == Format.SENML_CBOR ? SenMl.cborGenerator(out) : format == Format.SENML_JSON
                    ? SenMl.jsonGenerator(out) : JsonLines.generator(out);
            generator.writeStartArray();
        }
        generator.flush();
        int mark = out.size();
        switch (format) {
            case JSON_ARRAY -> JsonLines.writeEntry(generator, entry);
            case SENML_JSON, SENML_CBOR -> SenMl.writeRecord(generator, format == Format.SENML_CBOR, entry, count == 0);
        }
        generator.flush();
        if (count > 0 && out.size() + CLOSING_BYTES > limit) {
            out.truncate(mark);
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
        if (generator == null) {
            throw new IllegalStateException("no entry was added");
        }
        generator.writeEndArray();
        generator.close();
        byte[] message = out.toByteArray();
        out.reset();
        generator = null;
        count = 0;
        return message;
    }

    /** A byte buffer that can drop what was written after a mark. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        void truncate(int size) {
            count = size;
        }
    }
}
