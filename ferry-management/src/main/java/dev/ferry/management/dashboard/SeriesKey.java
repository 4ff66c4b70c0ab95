package dev.ferry.management.dashboard;

/**
 * Names one series of the history: what it belongs to ({@code kind} and {@code component}) and which figure it is.
 *
 * @param component the source or sink name; empty for the log
 * @param field the figure, e.g. {@code acknowledged}; for a {@link Kind#VALUE} series, the metric
 */
public record SeriesKey(Kind kind, String component, String field) {

    public enum Kind { LOG, SOURCE, SINK, VALUE }

    static SeriesKey log(String field) {
        return new SeriesKey(Kind.LOG, "", field);
    }

    static SeriesKey source(String source, String field) {
        return new SeriesKey(Kind.SOURCE, source, field);
    }

    static SeriesKey sink(String sink, String field) {
        return new SeriesKey(Kind.SINK, sink, field);
    }

    static SeriesKey value(String source, String metric) {
        return new SeriesKey(Kind.VALUE, source, metric);
    }
}
