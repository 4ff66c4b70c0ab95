package dev.ferry.management.auth.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Refused requests counted by reason; safe for many request threads at once. */
public final class RefusalCounts {

    private final Map<RefusalReason, LongAdder> counts = new EnumMap<>(RefusalReason.class);

    public RefusalCounts() {
        for (RefusalReason reason : RefusalReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    public void count(RefusalReason reason) {
        counts.get(reason).increment();
    }

    /** Every reason, zero counts too, so a metric has all its labels from the start. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counts.forEach((reason, count) -> snapshot.put(reason.code(), count.sum()));
        return Collections.unmodifiableMap(snapshot);
    }
}
