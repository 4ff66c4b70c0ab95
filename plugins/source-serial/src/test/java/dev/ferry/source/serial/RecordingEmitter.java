package dev.ferry.source.serial;

import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records what a source emits, readings and malformed reports in one ordered list of JSON lines. */
final class RecordingEmitter implements Emitter {

    private final List<String> events = new ArrayList<>();
    private final List<Reading> readings = new ArrayList<>();

    @Override
    public synchronized CompletionStage<Void> emit(List<Reading> batch) {
        for (Reading r : batch) {
            readings.add(r);
            events.add(json(r));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void malformed(String what) {
        events.add("{\"malformed\":" + quote(what) + "}");
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** A reading as a golden file writes it: metric, value, unit, tags (sorted). */
    static String json(Reading r) {
        StringBuilder tags = new StringBuilder();
        for (Map.Entry<String, String> tag : new TreeMap<>(r.tags()).entrySet()) {
            tags.append(tags.isEmpty() ? "" : ",").append(quote(tag.getKey())).append(':').append(quote(tag.getValue()));
        }
        return "{\"metric\":" + quote(r.metric()) + ",\"value\":" + value(r.value()) + ",\"unit\":" + quote(r.unit())
                + ",\"tags\":{" + tags + "}}";
    }

    private static String value(Value value) {
        return switch (value) {
            case Value.Num n -> Double.toString(n.value());
            case Value.Int i -> Long.toString(i.value());
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Text t -> quote(t.value());
            case Value.Bytes b -> quote(b.toString());
        };
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
