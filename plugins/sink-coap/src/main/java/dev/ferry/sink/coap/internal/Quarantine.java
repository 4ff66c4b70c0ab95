package dev.ferry.sink.coap.internal;

import dev.ferry.api.LogEntry;
import dev.ferry.format.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Readings the server refused, kept for a person to look at or replay: {@code quarantine.jsonl} in the sink's data
 * directory. Each refusal is a line naming it, then the refused entries as JSON Lines (the file sink's format):
 * <pre>{"refused":"4.00","reason":"coap://h:5683/in answered 4.00 Bad Request: \"bad pack\"","first_seq":5,"last_seq":9,"time":"..."}
 * {"id":"gw-01:k3x9:5","seq":5,"source":"boiler",...}</pre>
 * The file stops growing at its limit; later refusals are then only counted. Thread-safe.
 */
public final class Quarantine {

    private final Path file;
    private final long limit;

    public Quarantine(Path file, long limit) {
        this.file = file;
        this.limit = limit;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends the refusal and its entries and forces them to disk; false when the file is full and nothing was written.
     *
     * @throws IOException the disk refused: the caller must not skip the entries then
     */
    public synchronized boolean keep(Refusal refusal, List<LogEntry> entries, Instant time) throws IOException {
        byte[] header = (header(refusal, entries, time) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = JsonLines.encode(entries);
        Files.createDirectories(file.getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (out.size() + header.length + body.length > limit) {
                return false;
            }
            out.write(ByteBuffer.wrap(header));
            out.write(ByteBuffer.wrap(body));
            out.force(false);
        }
        return true;
    }

    private static String header(Refusal refusal, List<LogEntry> entries, Instant time) {
        return "{\"refused\":" + quote(refusal.code()) + ",\"reason\":" + quote(refusal.getMessage())
                + ",\"first_seq\":" + entries.getFirst().firstSeq() + ",\"last_seq\":" + entries.getLast().lastSeq()
                + ",\"time\":" + quote(time.toString()) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
