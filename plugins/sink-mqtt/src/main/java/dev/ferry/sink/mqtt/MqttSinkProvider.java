package dev.ferry.sink.mqtt;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import dev.ferry.sink.mqtt.internal.TopicRules;
import dev.ferry.sink.mqtt.internal.TopicTemplate;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code type: mqtt} — readings published to an MQTT broker, at least once, over mutual TLS. */
public final class MqttSinkProvider implements SinkProvider<MqttSinkConfig> {

    /** Its connection carries the platform's config documents when {@code control.sink} names it. */
    @Override
    public boolean carriesControl() {
        return true;
    }

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
        problems.addAll(topicProblems(config, null));
        if (config.tls() != null) {
            problems.addAll(ClientTls.check(config.tls(), "tls"));
        }
        return problems;
    }

    /**
     * What keeps the topics from forming topics a broker takes. A topic left out is derived from {@code topic}, whose
     * problems are reported at {@code topic} only.
     *
     * @param agentId the agent's id once known; a check does not know it, so {@code {agent}} counts as a long name
     */
    static List<ConfigProblem> topicProblems(MqttSinkConfig config, @Nullable String agentId) {
        List<ConfigProblem> problems = new ArrayList<>();
        SinkTopics topics;
        try {
            topics = SinkTopics.of(config);
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigProblem("topic", e.getMessage()));
        }
        Map<String, String> written = new LinkedHashMap<>();
        written.put("topic", config.topic());
        written.put("batch_topic", config.batchTopic());
        written.put("gap_topic", config.gapTopic());
        written.put("status_topic", config.statusTopic());
        topics.byKey().forEach((key, template) -> {
            if (written.get(key) == null) {
                return;
            }
            try {
                TopicTemplate parsed = TopicTemplate.parse(template);
                if (!key.equals("topic") && !parsed.agentOnly()) {
                    problems.add(new ConfigProblem(key, "may use only the placeholder {agent}, was \"" + template + "\""));
                }
                TopicRules.problems(parsed, agentId).forEach(problem -> problems.add(new ConfigProblem(key, problem)));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(key, e.getMessage()));
            }
        });
        return problems;
    }

    /** The tags {@code topic} names; the other topics may use only {@code {agent}}. */
    @Override
    public Map<String, Set<String>> tagsUsed(MqttSinkConfig config) {
        try {
            Set<String> tags = TopicTemplate.parse(config.topic()).tags();
            return tags.isEmpty() ? Map.of() : Map.of("topic", tags);
        } catch (IllegalArgumentException e) {
            return Map.of();   // reported by validate
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
        List<ConfigProblem> topics = topicProblems(config, context.agentId());
        if (!topics.isEmpty()) {
            throw new IllegalArgumentException(topics.stream().map(p -> p.key() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        }
        MqttSink sink = new MqttSink(config, SinkTopics.of(config), broker, tls, context);
        context.metrics().gauge("in_flight_window", "The most QoS 1 messages in flight at once on the open connection"
                + " (the smaller of in_flight and the broker's receive maximum); 0 while disconnected.", sink::inFlightWindow);
        return sink;
    }
}
