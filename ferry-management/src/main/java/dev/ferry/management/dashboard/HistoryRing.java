package dev.ferry.management.dashboard;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} samples, column by column: one {@code double[capacity]} per series and one
 * {@code long[capacity]} of times, so an hour of 360 samples costs 8 bytes per series and sample (2.8 KiB per series)
 * whatever the agent does. A series missing from a sample holds NaN there; a series that no sample in the window
 * has (a source removed an hour ago) is forgotten. Thread-safe.
 */
final class HistoryRing {

    /**
     * Value series kept per source. A source whose readings carry ever new metric names must not grow the history
     * without bound; the first metrics seen keep their place until they age out.
     */
    static final int MAX_METRICS_PER_SOURCE = 12;

    private final int capacity;
    private final long[] timesMillis;
    private final Map<SeriesKey, Column> columns = new LinkedHashMap<>();
    /** Samples ever added; the newest sits at {@code (added - 1) % capacity}. */
    private long added;

    private static final class Column {
        final double[] values;
        long lastWritten;
        String unit = "";

        Column(int capacity) {
            values = new double[capacity];
            Arrays.fill(values, Double.NaN);
        }
    }

    HistoryRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.timesMillis = new long[capacity];
    }

    int capacity() {
        return capacity;
    }

    synchronized void add(Sample sample) {
        int slot = (int) (added % capacity);
        timesMillis[slot] = sample.time().toEpochMilli();
        for (Column column : columns.values()) {
            column.values[slot] = Double.NaN;
        }
        sample.values().forEach((key, value) -> {
            Column column = columns.get(key);
            if (column == null) {
                if (key.kind() == SeriesKey.Kind.VALUE && metricsOf(key.component()) >= MAX_METRICS_PER_SOURCE) {
                    return;
                }
                column = new Column(capacity);
                columns.put(key, column);
            }
            column.values[slot] = value;
            column.lastWritten = added;
            String unit = sample.units().get(key);
            if (unit != null) {
                column.unit = unit;
            }
        });
        added++;
        for (Iterator<Column> it = columns.values().iterator(); it.hasNext(); ) {
            if (added - it.next().lastWritten > capacity) {
                it.remove();
            }
        }
    }

    private long metricsOf(String source) {
        return columns.keySet().stream().filter(k -> k.kind() == SeriesKey.Kind.VALUE && k.component().equals(source)).count();
    }

    /** Every sample held, oldest first. */
    HistoryView all() {
        return after(Long.MIN_VALUE);
    }

    /** The samples taken after {@code after}, oldest first. */
    HistoryView after(Instant after) {
        return after(after.toEpochMilli());
    }

    private synchronized HistoryView after(long afterMillis) {
        long from = added - Math.min(added, capacity);
        while (from < added && timesMillis[(int) (from % capacity)] <= afterMillis) {
            from++;
        }
        int count = (int) (added - from);
        long[] times = new long[count];
        Map<SeriesKey, double[]> series = new LinkedHashMap<>();
        Map<SeriesKey, String> units = new HashMap<>();
        columns.forEach((key, column) -> {
            series.put(key, new double[count]);
            if (!column.unit.isEmpty()) {
                units.put(key, column.unit);
            }
        });
        for (int i = 0; i < count; i++) {
            int slot = (int) ((from + i) % capacity);
            times[i] = timesMillis[slot];
            for (Map.Entry<SeriesKey, Column> column : columns.entrySet()) {
                series.get(column.getKey())[i] = column.getValue().values[slot];
            }
        }
        return new HistoryView(times, series, units);
    }
}
