package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.List;

/** Lines of separated columns such as {@code 23.5,41.2}; an empty column makes no reading. */
final class CsvDecoder extends AsciiDecoder {

    private final String separator;
    private final FieldReader[] fields;
    private final int[] columns;
    private final int[] starts;
    private final int[] ends;

    /** @param columns the column of each field, in the same order */
    CsvDecoder(String separator, FieldReader[] fields, int[] columns) {
        this.separator = separator;
        this.fields = fields.clone();
        this.columns = columns.clone();
        int widest = 0;
        for (int column : columns) {
            widest = Math.max(widest, column + 1);
        }
        this.starts = new int[widest];
        this.ends = new int[widest];
    }

    @Override
    boolean decodeLine(String line, Instant time, List<Reading> out) throws MalformedFrameException {
        int count = split(line);
        boolean found = false;
        for (int i = 0; i < fields.length; i++) {
            int column = columns[i];
            if (column >= count) {
                throw new MalformedFrameException(Printable.line(line) + " has " + count + " column(s); "
                        + fields[i].metric() + " is in column " + column + " (counted from 0)");
            }
            String text = line.substring(starts[column], ends[column]).strip();
            if (!text.isEmpty()) {
                out.add(fields[i].fromText(text, time));
                found = true;
            }
        }
        return found;
    }

    /** Finds the bounds of the columns fields need; returns how many columns the line has, up to the widest. */
    private int split(String line) {
        int count = 0;
        int pos = 0;
        while (count < starts.length) {
            int end = line.indexOf(separator, pos);
            starts[count] = pos;
            ends[count] = end < 0 ? line.length() : end;
            count++;
            if (end < 0) {
                break;
            }
            pos = end + separator.length();
        }
        return count;
    }
}
