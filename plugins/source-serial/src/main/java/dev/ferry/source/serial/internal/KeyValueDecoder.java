package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lines of {@code key=value} pairs such as {@code T=23.5,H=41.2}; keys without a field are ignored. */
final class KeyValueDecoder extends AsciiDecoder {

    private final String separator;
    private final String keyValueSeparator;
    private final Map<String, FieldReader> byKey = new HashMap<>();

    KeyValueDecoder(String separator, String keyValueSeparator, Map<String, FieldReader> byKey) {
        this.separator = separator;
        this.keyValueSeparator = keyValueSeparator;
        this.byKey.putAll(byKey);
    }

    @Override
    boolean decodeLine(String line, Instant time, List<Reading> out) throws MalformedFrameException {
        boolean found = false;
        int pos = 0;
        while (pos <= line.length()) {
            int end = line.indexOf(separator, pos);
            if (end < 0) {
                end = line.length();
            }
            int assign = line.indexOf(keyValueSeparator, pos);
            if (assign < 0 || assign >= end) {
                String pair = line.substring(pos, end);
                if (!pair.isBlank()) {
                    throw new MalformedFrameException(Printable.line(pair) + " has no \"" + keyValueSeparator + "\""
                            + (pair.length() == line.length() ? "" : " in " + Printable.line(line)));
                }
            } else {
                FieldReader field = byKey.get(line.substring(pos, assign).strip());
                if (field != null) {
                    out.add(field.fromText(line.substring(assign + keyValueSeparator.length(), end).strip(), time));
                    found = true;
                }
            }
            pos = end + separator.length();
        }
        return found;
    }
}
