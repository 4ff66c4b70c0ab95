package dev.ferry.testkit.mqtt;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** How an {@link MqttRecorder} subscribes; {@link MqttRecorder#on(MosquittoBroker)} makes one. */
public final class MqttRecorderConfig {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    final MosquittoBroker broker;
    final List<String> topics = new ArrayList<>();
    boolean mqtt5 = true;
    int qos = 1;
    String clientId = "recorder-" + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet();
    boolean persistentSession;
    @Nullable String username;
    @Nullable String password;

    MqttRecorderConfig(MosquittoBroker broker) {
        this.broker = broker;
    }

    /** Topic filters to subscribe to (default {@code #}). */
    public MqttRecorderConfig topics(String... filters) {
        topics.addAll(List.of(filters));
        return this;
    }

    /** Subscribe with MQTT 3.1.1 instead of MQTT 5 (then no properties are recorded). */
    public MqttRecorderConfig mqtt311() {
        mqtt5 = false;
        return this;
    }

    /** The subscription's QoS (default 1). */
    public MqttRecorderConfig qos(int level) {
        qos = level;
        return this;
    }

    public MqttRecorderConfig clientId(String id) {
        clientId = id;
        return this;
    }

    /**
     * Keep the session across disconnects (clean session off; MQTT 5: no session expiry), so messages published while
     * the recorder was away arrive once it is back, as long as the broker kept them.
     */
    public MqttRecorderConfig persistentSession() {
        persistentSession = true;
        return this;
    }

    public MqttRecorderConfig credentials(String user, String pass) {
        username = user;
        password = pass;
        return this;
    }

    /** Starts {@code mosquitto_sub} and waits for its SUBACK. */
    public MqttRecorder start() throws IOException, InterruptedException {
        if (topics.isEmpty()) {
            topics.add("#");
        }
        return MqttRecorder.start(this);
    }
}
