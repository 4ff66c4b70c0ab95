package dev.ferry.management.dashboard;

import dev.ferry.management.internal.JsonWriter;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /history} as JSON, column by column as the charts draw it: {@code time} in epoch seconds, and beside it one
 * array per series of the same length ({@code null} where a series had no value), grouped under {@code log},
 * {@code sinks} and {@code sources}; then {@code latest}, each source's newest readings as they are now.
 */
final class HistoryJson {

    private HistoryJson() {}

    static void write(HistoryView view, Duration interval, int capacity, Map<String, List<Reading>> latest,
            OutputStream out) throws IOException {
        try (JsonWriter json = new JsonWriter(out)) {
            json.writeStartObject();
            json.writeNumberField("interval_seconds", interval.toSeconds());
            json.writeNumberField("capacity", capacity);
            json.writeArrayFieldStart("time");
            for (long millis : view.timesMillis()) {
                json.writeRaw(BigDecimal.valueOf(millis, 3).toPlainString());   // seconds, written out plainly
            }
            json.writeEndArray();
            json.writeObjectFieldStart("log");
            writeSeries(json, view, SeriesKey.Kind.LOG, "");
            json.writeEndObject();
            writeComponents(json, view, "sinks", SeriesKey.Kind.SINK, false);
            writeComponents(json, view, "sources", SeriesKey.Kind.SOURCE, true);
            writeLatest(json, latest);
            json.writeEndObject();
        }
    }

    private static void writeComponents(JsonWriter json, HistoryView view, String field, SeriesKey.Kind kind,
            boolean withValues) throws IOException {
        json.writeObjectFieldStart(field);
        for (String component : components(view, kind)) {
            json.writeObjectFieldStart(component);
            writeSeries(json, view, kind, component);
            if (withValues) {
                writeValueSeries(json, view, component);
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** The metric series of one source: {@code "values": {"temperature": {"unit": "Cel", "points": [...]}}}. */
    private static void writeValueSeries(JsonWriter json, HistoryView view, String source) throws IOException {
        json.writeObjectFieldStart("values");
        for (Map.Entry<SeriesKey, double[]> series : view.series().entrySet()) {
            SeriesKey key = series.getKey();
            if (key.kind() == SeriesKey.Kind.VALUE && key.component().equals(source)) {
                json.writeObjectFieldStart(key.field());
                json.writeStringField("unit", view.units().getOrDefault(key, ""));
                json.writeFieldName("points");
                writePoints(json, series.getValue());
                json.writeEndObject();
            }
        }
        json.writeEndObject();
    }

    private static Iterable<String> components(HistoryView view, SeriesKey.Kind kind) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (SeriesKey key : view.series().keySet()) {
            if (key.kind() == kind) {
                names.put(key.component(), true);
            }
        }
        return names.keySet();
    }

    private static void writeSeries(JsonWriter json, HistoryView view, SeriesKey.Kind kind, String component)
            throws IOException {
        for (Map.Entry<SeriesKey, double[]> series : view.series().entrySet()) {
            if (series.getKey().kind() == kind && series.getKey().component().equals(component)) {
                json.writeFieldName(series.getKey().field());
                writePoints(json, series.getValue());
            }
        }
    }

    private static void writePoints(JsonWriter json, double[] points) throws IOException {
        json.writeStartArray();
        for (double point : points) {
            if (Double.isNaN(point)) {
                json.writeNull();
            } else if (point == Math.rint(point) && Math.abs(point) < 1e15) {
                json.writeNumber((long) point);
            } else {
                json.writeNumber(point);
            }
        }
        json.writeEndArray();
    }

    /**
     * {@code "latest": {"boiler": [{"metric": "temperature", "value": 71.5, "unit": "Cel", "time": "..."}]}}: per
     * source, the newest reading of each metric in its newest batch, for as many metrics as the history keeps.
     */
    private static void writeLatest(JsonWriter json, Map<String, List<Reading>> latest) throws IOException {
        json.writeObjectFieldStart("latest");
        for (Map.Entry<String, List<Reading>> source : latest.entrySet()) {
            json.writeArrayFieldStart(source.getKey());
            for (Reading reading : newestPerMetric(source.getValue())) {
                json.writeStartObject();
                json.writeStringField("metric", reading.metric());
                json.writeFieldName("value");
                writeValue(json, reading.value());
                json.writeStringField("unit", reading.unit());
                json.writeStringField("time", reading.time().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    static Iterable<Reading> newestPerMetric(List<Reading> batch) {
        Map<String, Reading> newest = new LinkedHashMap<>();
        for (Reading reading : batch) {
            if (newest.containsKey(reading.metric()) || newest.size() < HistoryRing.MAX_METRICS_PER_SOURCE) {
                newest.put(reading.metric(), reading);
            }
        }
        return newest.values();
    }

    private static void writeValue(JsonWriter json, Value value) throws IOException {
        switch (value) {
            case Value.Num num when Double.isFinite(num.value()) -> json.writeNumber(num.value());
            case Value.Num num -> json.writeString(Double.toString(num.value()));
            case Value.Int i -> json.writeNumber(i.value());
            case Value.Bool b -> json.writeBoolean(b.value());
            case Value.Text text -> json.writeString(text.value());
            case Value.Bytes raw -> json.writeString(HexFormat.of().formatHex(raw.value()));
        }
    }
}
