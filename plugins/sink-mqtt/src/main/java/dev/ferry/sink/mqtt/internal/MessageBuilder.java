package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Batch;
import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Nullable;
import dev.ferry.api.StoredReading;
import dev.ferry.format.JsonLines;
import dev.ferry.format.PackWriter;
import dev.ferry.format.SenMl;
import dev.ferry.sink.mqtt.MqttSinkConfig.PayloadEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of log entries into MQTT messages: one per reading on its templated topic, or, in batch mode,
 * as few messages as the byte limit allows on the batch topic. Gaps always travel alone on the gap topic, so a
 * consumer that only wants readings can ignore that topic. One builder per sink, used by one thread at a time.
 */
public final class MessageBuilder {

    private final String agent;
    private final TopicTemplate topic;
    private final TopicTemplate batchTopic;
    private final TopicTemplate gapTopic;
    private final PayloadEncoding encoding;
    private final long batchBytes;
    /** Kept from batch to batch, so its buffer and the escaped names it remembers are reused. */
    private final Pack pack;

    public MessageBuilder(String agent, TopicTemplate topic, TopicTemplate batchTopic, TopicTemplate gapTopic,
            PayloadEncoding encoding, long batchBytes) {
        this.agent = agent;
        this.topic = topic;
        this.batchTopic = batchTopic;
        this.gapTopic = gapTopic;
        this.encoding = encoding;
        this.batchBytes = batchBytes;
        this.pack = new Pack();
    }

    public List<Outgoing> build(Batch batch) throws IOException {
        List<Outgoing> messages = new ArrayList<>();
        pack.discard(); // what a failed build left behind
        for (LogEntry entry : batch.entries()) {
            switch (entry) {
                case Gap gap -> {
                    pack.finishInto(messages);
                    messages.add(new Outgoing(gapTopic.render(agent), encode(gap), "", "", false));
                }
                case StoredReading stored when batchBytes <= 0 -> {
                    String id = stored.id().toString();
                    messages.add(new Outgoing(topic.render(agent, stored.reading()), encode(stored), id, id, false));
                }
                case StoredReading stored -> {
                    if (!pack.add(stored)) {
                        pack.finishInto(messages);
                        pack.add(stored);
                    }
                }
            }
        }
        pack.finishInto(messages);
        return messages;
    }

    /** The batch message being filled: each reading is encoded once, straight into it. */
    private final class Pack {
        private final PackWriter writer = new PackWriter(switch (encoding) {
            case JSON -> PackWriter.Format.JSON_ARRAY;
            case SENML_JSON -> PackWriter.Format.SENML_JSON;
            case SENML_CBOR -> PackWriter.Format.SENML_CBOR;
        }, batchBytes);
        private @Nullable StoredReading first;
        private @Nullable StoredReading last;

        boolean add(StoredReading stored) throws IOException {
            if (!writer.add(stored)) {
                return false;
            }
            last = stored;
            if (first == null) {
                first = stored;
            }
            return true;
        }

        void discard() throws IOException {
            writer.discard();
            first = null;
            last = null;
        }

        void finishInto(List<Outgoing> messages) throws IOException {
            if (writer.count() > 0) {
                messages.add(new Outgoing(batchTopic.render(agent), writer.finish(), first.id().toString(),
                        last.id().toString(), true));
                first = null;
                last = null;
            }
        }
    }

    /** One entry alone in a message: a JSON object, or a SenML pack of one record. */
    private byte[] encode(LogEntry entry) throws IOException {
        return switch (encoding) {
            case JSON -> JsonLines.object(entry);
            case SENML_JSON -> SenMl.json(List.of(entry));
            case SENML_CBOR -> SenMl.cbor(List.of(entry));
        };
    }
}
