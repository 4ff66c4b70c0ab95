package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Batch;
import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.format.JsonLines;
import dev.ferry.format.SenMl;
import dev.ferry.sink.mqtt.MqttSinkConfig.PayloadEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of log entries into MQTT messages: one per reading on its templated topic, or, in batch mode,
 * as few messages as the byte limit allows on the batch topic. Gaps always travel alone on the gap topic, so a
 * consumer that only wants readings can ignore that topic.
 */
public final class MessageBuilder {

    private final String agent;
    private final TopicTemplate topic;
    private final TopicTemplate batchTopic;
    private final TopicTemplate gapTopic;
    private final PayloadEncoding encoding;
    private final long batchBytes;

    public MessageBuilder(String agent, TopicTemplate topic, TopicTemplate batchTopic, TopicTemplate gapTopic,
            PayloadEncoding encoding, long batchBytes) {
        this.agent = agent;
        this.topic = topic;
        this.batchTopic = batchTopic;
        this.gapTopic = gapTopic;
        this.encoding = encoding;
        this.batchBytes = batchBytes;
    }

    public List<Outgoing> build(Batch batch) throws IOException {
        List<Outgoing> messages = new ArrayList<>();
        List<StoredReading> pending = new ArrayList<>();
        long pendingBytes = 0;
        for (LogEntry entry : batch.entries()) {
            switch (entry) {
                case Gap gap -> {
                    flush(pending, messages);
                    pendingBytes = 0;
                    messages.add(new Outgoing(gapTopic.render(agent), encode(List.of(gap)), "", "", false));
                }
                case StoredReading stored when batchBytes <= 0 -> {
                    String id = stored.id().toString();
                    messages.add(new Outgoing(topic.render(agent, stored.reading()), encode(List.of(stored)), id, id, false));
                }
                case StoredReading stored -> {
                    // A reading's size alone is an upper bound of what it adds to a pack, so the limit holds.
                    long size = encode(List.of(stored)).length;
                    if (!pending.isEmpty() && pendingBytes + size > batchBytes) {
                        flush(pending, messages);
                        pendingBytes = 0;
                    }
                    pending.add(stored);
                    pendingBytes += size;
                }
            }
        }
        flush(pending, messages);
        return messages;
    }

    private void flush(List<StoredReading> pending, List<Outgoing> messages) throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        messages.add(new Outgoing(batchTopic.render(agent), encode(List.copyOf(pending)),
                pending.getFirst().id().toString(), pending.getLast().id().toString(), true));
        pending.clear();
    }

    private byte[] encode(List<? extends LogEntry> entries) throws IOException {
        List<LogEntry> list = List.copyOf(entries);
        return switch (encoding) {
            case JSON -> list.size() == 1 && batchBytes <= 0 || list.getFirst() instanceof Gap
                    ? JsonLines.object(list.getFirst())
                    : JsonLines.array(list);
            case SENML_JSON -> SenMl.json(list);
            case SENML_CBOR -> SenMl.cbor(list);
        };
    }
}
