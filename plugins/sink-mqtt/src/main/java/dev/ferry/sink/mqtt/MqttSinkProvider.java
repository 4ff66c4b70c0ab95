package dev.ferry.sink.mqtt;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import dev.ferry.sink.mqtt.internal.TopicTemplate;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code type: mqtt} — readings published to an MQTT broker, at least once, over mutual TLS. */
public final class MqttSinkProvider implements SinkProvider<MqttSinkConfig> {

    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public Class<MqttSinkConfig> configType() {
        return MqttSinkConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(MqttSinkConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            BrokerAddress broker = BrokerAddress.parse(config.url());
            if (!broker.tls() && !broker.loopback() && !config.insecure()) {
                problems.add(new ConfigProblem("url", "plain TCP to " + broker.host() + " would send readings and the password"
                        + " in clear; use mqtts:// or set insecure: true"));
            }
            if (!broker.tls() && config.tls() != null) {
                problems.add(new ConfigProblem("tls", "a tls section needs an mqtts:// url, the url is " + config.url()));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("url", e.getMessage()));
        }
        if (!config.protocol().equals("5") && !config.protocol().equals("3.1.1")) {
            problems.add(new ConfigProblem("protocol", "must be 5 or 3.1.1, was " + config.protocol()));
        }
        checkTopic(problems, "topic", config.topic(), false);
        checkTopic(problems, "batch_topic", config.batchTopic(), true);
        checkTopic(problems, "gap_topic", config.gapTopic(), true);
        if (!config.statusTopic().isEmpty()) {
            checkTopic(problems, "status_topic", config.statusTopic(), true);
        }
        if (config.tls() != null) {
            problems.addAll(ClientTls.check(config.tls(), "tls"));
        }
        return problems;
    }

    private static void checkTopic(List<ConfigProblem> problems, String key, String template, boolean agentOnly) {
        try {
            TopicTemplate topic = TopicTemplate.parse(template);
            if (agentOnly && !topic.agentOnly()) {
                problems.add(new ConfigProblem(key, "may use only the placeholder {agent}, was \"" + template + "\""));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(key, e.getMessage()));
        }
    }

    @Override
    public List<ConfigProblem> checkFiles(MqttSinkConfig config, Function<String, Path> resolve) {
        return config.tls() == null ? List.of() : ClientTls.checkFiles(config.tls(), "tls", resolve);
    }

    @Override
    public Sink create(MqttSinkConfig config, PluginContext context) throws Exception {
        BrokerAddress broker = BrokerAddress.parse(config.url());
        ClientTls tls = null;
        if (broker.tls()) {
            // mqtts:// without a tls section: the JDK's trusted CAs, no client certificate, host names checked.
            tls = ClientTls.load(config.tls() != null ? config.tls() : TlsConfig.trusting(null), context);
        }
        return new MqttSink(config, broker, tls, context);
    }
}
