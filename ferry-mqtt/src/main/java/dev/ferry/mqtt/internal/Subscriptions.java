package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttPublish;
import dev.ferry.mqtt.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which handler gets which received message. Changed rarely, read for every message: copy-on-write. */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private record Entry(String filter, Consumer<MqttPublish> handler) {}

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    void add(List<Subscription> subscriptions, Consumer<MqttPublish> handler) {
        subscriptions.forEach(s -> entries.add(new Entry(s.filter(), handler)));
    }

    void remove(String filter, Consumer<MqttPublish> handler) {
        entries.removeIf(e -> e.filter.equals(filter) && e.handler == handler);
    }

    void removeAll(String filter) {
        entries.removeIf(e -> e.filter.equals(filter));
    }

    /** Calls each handler whose filters match, once, even when several of its filters match. */
    void deliver(MqttPublish message) {
        List<Consumer<MqttPublish>> called = new ArrayList<>(1);
        for (Entry e : entries) {
            if (Topics.matches(e.filter, message.topic()) && called.stream().noneMatch(h -> h == e.handler)) {
                called.add(e.handler);
                try {
                    e.handler.accept(message);
                } catch (RuntimeException failure) {
                    LOG.warn("MQTT message handler for '{}' failed on a message to '{}'; the message is acknowledged anyway",
                            e.filter, message.topic(), failure);
                }
            }
        }
        if (called.isEmpty()) {
            LOG.debug("MQTT message to '{}' matches no subscription handler; dropped", message.topic());
        }
    }
}
