package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.LogEntry;
import dev.ferry.api.StoredReading;
import dev.ferry.format.PackWriter;
import dev.ferry.sink.mqtt.MqttSinkConfig.PayloadEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The batch message being filled: each reading is encoded once, straight into it. */
final class Pack {

    private final PackWriter writer;
    private final long limit;
    private final List<LogEntry> readings = new ArrayList<>();

    Pack(PayloadEncoding encoding, long limit) {
        this.limit = limit;
        this.writer = new PackWriter(switch (encoding) {
            case JSON -> PackWriter.Format.JSON_ARRAY;
            case SENML_JSON -> PackWriter.Format.SENML_JSON;
            case SENML_CBOR -> PackWriter.Format.SENML_CBOR;
        }, limit);
    }

    long limit() {
        return limit;
    }

    /** False, and nothing added, when the reading would push the message past the limit. */
    boolean add(StoredReading stored) throws IOException {
        if (!writer.add(stored)) {
            return false;
        }
        readings.add(stored);
        return true;
    }

    void discard() throws IOException {
        writer.discard();
        readings.clear();
    }

    void finishInto(List<Outgoing> messages, String topic) throws IOException {
        if (writer.count() > 0) {
            messages.add(new Outgoing(topic, writer.finish(), readings, true));
            readings.clear();
        }
    }
}
