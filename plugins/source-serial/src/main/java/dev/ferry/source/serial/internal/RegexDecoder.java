package dev.ferry.source.serial.internal;

import dev.ferry.api.Reading;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lines matched by a pattern with named groups; a group that matched nothing makes no reading. */
final class RegexDecoder extends AsciiDecoder {

    private final Matcher matcher;
    private final FieldReader[] fields;
    private final String[] groups;

    /** @param groups the named group of each field, in the same order */
    RegexDecoder(Pattern pattern, FieldReader[] fields, String[] groups) {
        this.matcher = pattern.matcher("");
        this.fields = fields.clone();
        this.groups = groups.clone();
    }

    @Override
    boolean decodeLine(String line, Instant time, List<Reading> out) throws MalformedFrameException {
        if (!matcher.reset(line).find()) {
            throw new MalformedFrameException(Printable.line(line) + " does not match the pattern");
        }
        boolean found = false;
        for (int i = 0; i < fields.length; i++) {
            String text = matcher.group(groups[i]);
            if (text != null && !text.isBlank()) {
                out.add(fields[i].fromText(text.strip(), time));
                found = true;
            }
        }
        return found;
    }
}
