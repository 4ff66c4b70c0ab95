package dev.ferry.it.mqtt;

import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.net.Admission;
import dev.ferry.testkit.net.FaultProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto with a recorder subscribed to {@code ferry/#} on it, and a {@link FaultProxy} in front for the agent.
 *
 * <p>The proxy is what makes a broker restart testable: a restarted broker has forgotten the recorder's
 * subscription, and whatever the agent publishes before the recorder subscribed again is acknowledged and dropped,
 * as MQTT wants. So while the broker is down the proxy refuses the agent's connections, as a port where nothing
 * listens does, and accepts them again only once the recorder is back. The same proxy injects network faults
 * between agent and broker.
 */
final class ProxiedBroker implements AutoCloseable {

    private static final Duration RESUBSCRIBE_LIMIT = Duration.ofSeconds(15);

    private final MosquittoBroker broker;
    private final MqttRecorder recorder;
    private final FaultProxy proxy;
    private int subscriptions = 1;

    private ProxiedBroker(MosquittoBroker broker, MqttRecorder recorder, FaultProxy proxy) {
        this.broker = broker;
        this.recorder = recorder;
        this.proxy = proxy;
    }

    /**
     * Starts the broker (with a window of 1000 messages in flight instead of Mosquitto's 20), its recorder and the
     * proxy.
     */
    static ProxiedBroker start(MosquittoConfig config) throws IOException, InterruptedException {
        MosquittoBroker broker = config.maxInflightMessages(1000).start();
        MqttRecorder recorder = null;
        try {
            recorder = MqttRecorder.on(broker).topics("ferry/#").start();
            return new ProxiedBroker(broker, recorder, FaultProxy.start(broker.host(), broker.port()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (recorder != null) {
                recorder.close();
            }
            broker.close();
            throw e;
        }
    }

    /** Where the agent connects: the proxy. */
    String url() {
        return "mqtt://127.0.0.1:" + proxy.port();
    }

    MosquittoBroker broker() {
        return broker;
    }

    MqttRecorder recorder() {
        return recorder;
    }

    FaultProxy proxy() {
        return proxy;
    }

    /** SIGKILL; the agent's connections are refused until {@link #restart()}. */
    void kill() throws IOException, InterruptedException {
        broker.kill();
        proxy.admission(Admission.REFUSE);
    }

    /**
     * As {@link #kill()}, once the recorder has what the broker had: the agent's bytes are held first, and the kill
     * comes when the recorder has received nothing new for a moment. The agent sees a broker that crashed; the count
     * of what arrived is not disturbed by messages a crashed broker had acknowledged and not yet passed on, which a
     * broker without persistence loses (a SIGKILL with unread bytes in a socket resets it, dropping what was queued
     * to send).
     */
    void killOnceDelivered() throws IOException, InterruptedException {
        proxy.stall();
        int seen = -1;
        for (int i = 0; i < 100 && recorder.count() != seen; i++) {   // at most 10 s
            seen = recorder.count();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        kill();
        proxy.resume();
    }

    /** Starts the broker again on its port, waits for the recorder to subscribe again, then lets the agent in. */
    void restart() throws IOException, InterruptedException {
        proxy.admission(Admission.REFUSE);
        broker.restart();
        subscriptions++;
        recorder.awaitSubscribed(subscriptions, RESUBSCRIBE_LIMIT);
        proxy.admission(Admission.ACCEPT);
    }

    @Override
    public void close() {
        proxy.close();
        recorder.close();
        broker.close();
    }
}
