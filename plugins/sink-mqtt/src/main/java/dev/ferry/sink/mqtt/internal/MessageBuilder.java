package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Batch;
import dev.ferry.api.Gap;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.api.StoredReading;
import dev.ferry.api.UnsendableBatchException;
import dev.ferry.format.JsonLines;
import dev.ferry.format.SenMl;
import dev.ferry.sink.mqtt.MqttSinkConfig.PayloadEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of log entries into MQTT messages: one per reading on its templated topic, or, in batch mode,
 * as few messages as the byte limit allows on the batch topic. Gaps always travel alone on the gap topic, so a
 * consumer that only wants readings can ignore that topic. A reading that no message can carry (its topic too long,
 * a value its encoding cannot hold) is refused here, alone. One builder per sink, used by one thread at a time.
 */
public final class MessageBuilder {

    /** Room a PUBLISH needs beside its topic and payload: header, packet identifier, MQTT 5 properties but the IDs. */
    private static final int PACKET_OVERHEAD = 512;

    private final String agent;
    private final TopicTemplate topic;
    private final String batchTopic;
    private final String gapTopic;
    private final PayloadEncoding encoding;
    private final long batchBytes;
    /** Kept from batch to batch, so its buffer and the escaped names it remembers are reused. */
    private Pack pack;

    public MessageBuilder(String agent, TopicTemplate topic, String batchTopic, String gapTopic, PayloadEncoding encoding,
            long batchBytes) {
        this.agent = agent;
        this.topic = topic;
        this.batchTopic = batchTopic;
        this.gapTopic = gapTopic;
        this.encoding = encoding;
        this.batchBytes = batchBytes;
        this.pack = new Pack(encoding, batchBytes);
    }

    /**
     * Keeps batch messages within the largest packet the broker takes (its MQTT 5 maximum packet size), so that a
     * {@code batch_bytes} larger than that fills messages the broker can take instead of having them all refused.
     */
    public void fitPacketSize(long maximumPacketSize) {
        long room = maximumPacketSize - PACKET_OVERHEAD - batchTopic.getBytes(StandardCharsets.UTF_8).length
                - 2L * agent.getBytes(StandardCharsets.UTF_8).length;
        long limit = batchBytes <= 0 ? 0 : Math.max(1, Math.min(batchBytes, room));
        if (limit != pack.limit()) {
            pack = new Pack(encoding, limit);
        }
    }

    /** @throws UnsendableBatchException when the encoder gave up on a batch message and the reading is not known */
    public BuiltBatch build(Batch batch) throws IOException {
        List<Outgoing> messages = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        pack.discard(); // what a failed build left behind
        for (LogEntry entry : batch.entries()) {
            switch (entry) {
                case Gap gap -> {
                    pack.finishInto(messages, batchTopic);
                    messages.add(new Outgoing(gapTopic, encode(gap), List.of(gap), false));
                }
                case StoredReading stored -> {
                    Refusal refusal = Unencodable.refusal(stored.reading(), encoding);
                    if (refusal != null) {
                        refused.add(new Refused(stored, refusal));
                    } else if (batchBytes <= 0) {
                        single(stored, messages, refused);
                    } else {
                        packed(stored, messages);
                    }
                }
            }
        }
        pack.finishInto(messages, batchTopic);
        return new BuiltBatch(messages, refused);
    }

    private void single(StoredReading stored, List<Outgoing> messages, List<Refused> refused) {
        String rendered = topic.render(agent, stored.reading());
        if (TopicRules.tooLong(rendered)) {
            refused.add(new Refused(stored, new Refusal("topic_too_long", "the topic made from \"" + topic
                    + "\" is longer than the " + TopicRules.MAX_TOPIC_BYTES + " bytes MQTT allows (a very long source,"
                    + " metric or tag value); shorten it at the source or use fewer placeholders")));
            return;
        }
        try {
            messages.add(new Outgoing(rendered, encode(stored), List.of(stored), false));
        } catch (IOException e) {
            refused.add(new Refused(stored, new Refusal("not_encodable", "encoding " + encoding.configName()
                    + " cannot carry this reading: " + e.getMessage())));
        }
    }

    private void packed(StoredReading stored, List<Outgoing> messages) throws IOException {
        try {
            if (!pack.add(stored)) {
                pack.finishInto(messages, batchTopic);
                pack.add(stored);
            }
        } catch (IOException e) {
            // Half a record is in the pack now; the runtime finds the reading by sending smaller batches.
            pack.discard();
            throw new UnsendableBatchException(new Refusal("not_encodable", "a batch message could not be encoded: "
                    + e.getMessage()), e);
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
