package dev.ferry.sink.mqtt;

import dev.ferry.api.Nullable;
import dev.ferry.sink.mqtt.internal.TopicTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The templates of a sink's four topics, with the defaults of those left out. A topic that is left out goes under the
 * fixed leading levels of {@code topic}, so that a broker which lets this client publish only below a prefix
 * ({@code pattern readwrite tenants/%u/#}) takes the status, batch and gap messages too:
 * {@code tenants/acme/{source}/{metric}} gives {@code tenants/acme/{agent}/status}. Without a fixed level the
 * defaults are {@code ferry/{agent}/status}, {@code .../batch} and {@code .../gaps}.
 */
record SinkTopics(String readings, String batch, String gap, @Nullable String status) {

    static SinkTopics of(MqttSinkConfig config) {
        String prefix = TopicTemplate.parse(config.topic()).fixedPrefix();
        String under = (prefix.isEmpty() ? "ferry/" : prefix) + "{agent}/";
        String status = config.statusTopic() == null ? under + "status" : config.statusTopic();
        return new SinkTopics(config.topic(),
                config.batchTopic() == null ? under + "batch" : config.batchTopic(),
                config.gapTopic() == null ? under + "gaps" : config.gapTopic(),
                status.isEmpty() ? null : status);
    }

    /** The templates by the key that sets them, for checks; the status topic only when it is on. */
    Map<String, String> byKey() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("topic", readings);
        keys.put("batch_topic", batch);
        keys.put("gap_topic", gap);
        if (status != null) {
            keys.put("status_topic", status);
        }
        return keys;
    }
}
