package dev.ferry.sink.coap.internal;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import dev.ferry.format.PackWriter;
import dev.ferry.sink.coap.CoapSinkConfig.PayloadEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch into request payloads of at most {@code maxBytes} bytes and {@code maxEntries} entries, in log order:
 * one SenML pack (CBOR or JSON) or one JSON array per request. Each entry is encoded once, straight into its payload;
 * an entry too large for any payload travels alone. Gaps are records of the pack like readings, so the server learns
 * of lost readings in order. One splitter per sink, used by the sink's runner thread only.
 */
public final class PayloadSplitter {

    private final PackWriter writer;
    private final int maxEntries;

    public PayloadSplitter(PayloadEncoding encoding, long maxBytes, int maxEntries) {
        this.writer = new PackWriter(switch (encoding) {
            case SENML_CBOR -> PackWriter.Format.SENML_CBOR;
            case SENML_JSON -> PackWriter.Format.SENML_JSON;
            case JSON -> PackWriter.Format.JSON_ARRAY;
        }, maxBytes);
        this.maxEntries = maxEntries;
    }

    public List<Part> split(Batch batch) throws IOException {
        writer.discard(); // whatever a failed split left behind
        List<Part> parts = new ArrayList<>();
        List<LogEntry> entries = batch.entries();
        int start = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (writer.count() == maxEntries || !writer.add(entries.get(i))) {
                parts.add(new Part(writer.finish(), entries.subList(start, i)));
                start = i;
                writer.add(entries.get(i)); // an empty payload always takes its first entry
            }
        }
        parts.add(new Part(writer.finish(), entries.subList(start, entries.size())));
        return parts;
    }
}
