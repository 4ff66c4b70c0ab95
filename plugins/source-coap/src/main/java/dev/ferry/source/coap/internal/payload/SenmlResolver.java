package dev.ferry.source.coap.internal.payload;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Applies base fields to the records of one pack in order (RFC 8428, section 4.6): a base field holds for its own
 * record and every later one until changed. Names are base name + name; a value is base value + value, a sum base
 * sum + sum; time is base time + time, relative to now below 2^28 seconds.
 */
final class SenmlResolver {

    /** RFC 8428, section 4.5.1. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][-:./a-zA-Z0-9_]*");
    private static final int VERSION = 10;

    private final String source;
    private final Instant now;
    private String baseName = "";
    private double baseTime;
    private String baseUnit = "";
    private @Nullable Value baseValue;
    private @Nullable Value baseSum;

    SenmlResolver(String source, Instant now) {
        this.source = source;
        this.now = now;
    }

    /** The record's reading, or null for a record of base fields only. */
    @Nullable Reading resolve(SenmlRecord r, int index) throws MalformedPayloadException {
        String where = "record " + index;
        if (r.baseVersion != null && r.baseVersion > VERSION) {
            throw new MalformedPayloadException(where + ": SenML version (bver) " + r.baseVersion
                    + " is newer than this gateway reads (" + VERSION + ")");
        }
        applyBases(r);
        if (r.basesOnly()) {
            return null;
        }
        String name = baseName + (r.name == null ? "" : r.name);
        String named = name.isEmpty() ? where : where + " (" + name + ")";
        if (r.valueFields() == 0) {
            throw new MalformedPayloadException(named + " has no value (v, vs, vb, vd or s)");
        }
        if (r.valueFields() > 1) {
            throw new MalformedPayloadException(named + " has more than one of v, vs, vb, vd and s; send each in a"
                    + " record of its own");
        }
        if (name.isEmpty()) {
            throw new MalformedPayloadException(where + " has no name (n, or bn before it)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new MalformedPayloadException(where + ": \"" + name + "\" is not a SenML name (letters, digits and"
                    + " - : . / _, starting with a letter or digit)");
        }
        String unit = r.unit != null ? r.unit : baseUnit;
        double seconds = baseTime + (r.time == null ? 0 : r.time);
        Instant time = Times.fromSeconds(seconds, now, named);
        return new Reading(source, name, value(r), unit, time, OriginIds.tagged(r.tags, r.id));
    }

    private void applyBases(SenmlRecord r) {
        if (r.baseName != null) {
            baseName = r.baseName;
        }
        if (r.baseTime != null) {
            baseTime = r.baseTime;
        }
        if (r.baseUnit != null) {
            baseUnit = r.baseUnit;
        }
        if (r.baseValue != null) {
            baseValue = r.baseValue;
        }
        if (r.baseSum != null) {
            baseSum = r.baseSum;
        }
    }

    private Value value(SenmlRecord r) {
        if (r.value != null) {
            return add(baseValue, r.value);
        }
        if (r.sum != null) {
            return add(baseSum, r.sum);
        }
        if (r.stringValue != null) {
            return new Value.Text(r.stringValue);
        }
        if (r.booleanValue != null) {
            return new Value.Bool(r.booleanValue);
        }
        return new Value.Bytes(r.dataValue);
    }

    /** Whole numbers stay whole unless the sum overflows. */
    private static Value add(@Nullable Value base, Value value) {
        if (base == null) {
            return value;
        }
        if (base instanceof Value.Int(long b) && value instanceof Value.Int(long v)) {
            long sum = b + v;
            if (((b ^ sum) & (v ^ sum)) >= 0) {
                return new Value.Int(sum);
            }
        }
        return new Value.Num(asDouble(base) + asDouble(value));
    }

    private static double asDouble(Value number) {
        return number instanceof Value.Int(long i) ? i : ((Value.Num) number).value();
    }
}
