package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.util.List;
import java.util.function.Supplier;

/** What a cursor reader needs from its log. */
public record ReaderContext(Storage storage, SegmentIndex index, Supplier<List<Eviction>> evictions, DamageSink damage,
        String agent, String epoch) {}
