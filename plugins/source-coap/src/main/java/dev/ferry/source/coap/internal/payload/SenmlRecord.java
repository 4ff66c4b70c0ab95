package dev.ferry.source.coap.internal.payload;

import dev.ferry.api.Nullable;
import dev.ferry.api.Value;
import java.util.Map;

/** One SenML record as written, before base fields are applied; null is a field the record leaves out. */
final class SenmlRecord {

    @Nullable Long baseVersion;
    @Nullable String baseName;
    @Nullable Double baseTime;
    @Nullable String baseUnit;
    @Nullable Value baseValue;
    @Nullable Value baseSum;
    @Nullable String name;
    @Nullable String unit;
    @Nullable Value value;
    @Nullable String stringValue;
    @Nullable Boolean booleanValue;
    byte @Nullable [] dataValue;
    @Nullable Value sum;
    @Nullable Double time;
    boolean updateTime;
    Map<String, String> tags = Map.of();
    /** Ferry's extension {@code id}: the reading's ID where it was logged before it was sent here. */
    @Nullable String id;

    int valueFields() {
        int n = 0;
        for (Object field : new Object[] {value, stringValue, booleanValue, dataValue, sum}) {
            n += field == null ? 0 : 1;
        }
        return n;
    }

    /** A record of base fields only, which sets the bases for those after it and is no reading itself. */
    boolean basesOnly() {
        return valueFields() == 0 && name == null && unit == null && time == null && !updateTime && tags.isEmpty()
                && id == null;
    }
}
