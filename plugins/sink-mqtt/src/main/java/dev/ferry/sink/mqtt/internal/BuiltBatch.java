package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.RefusedEntriesException.Refused;
import java.util.List;

/**
 * A batch turned into messages, and the readings that could not become part of any: a topic too long, a value the
 * encoding cannot carry. Those are refused without being sent; every other entry is in exactly one message.
 */
public record BuiltBatch(List<Outgoing> messages, List<Refused> refused) {}
