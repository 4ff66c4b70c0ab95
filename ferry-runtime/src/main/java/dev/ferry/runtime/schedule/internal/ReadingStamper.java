package dev.ferry.runtime.schedule.internal;

import dev.ferry.api.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gives readings their configured source name and tags; configured tags override the plugin's on conflict. */
final class ReadingStamper {

    private final String source;
    private final Map<String, String> tags;

    ReadingStamper(String source, Map<String, String> tags) {
        this.source = source;
        this.tags = Map.copyOf(tags);
    }

    List<Reading> stamp(List<Reading> readings) {
        List<Reading> stamped = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            stamped.add(stamp(r));
        }
        return stamped;
    }

    private Reading stamp(Reading r) {
        if (r.source().equals(source) && (tags.isEmpty() || r.tags().entrySet().containsAll(tags.entrySet()))) {
            return r;
        }
        Map<String, String> merged = tags;
        if (!r.tags().isEmpty()) {
            merged = new HashMap<>(r.tags());
            merged.putAll(tags);
        }
        return new Reading(source, r.metric(), r.value(), r.unit(), r.time(), merged);
    }
}
