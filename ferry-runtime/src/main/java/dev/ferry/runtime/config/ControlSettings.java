package dev.ferry.runtime.config;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.time.Duration;
import java.util.List;

/** The {@code control:} section: configuration sent by the platform over a sink's connection. */
public record ControlSettings(
        @Doc("The MQTT sink whose connection also carries the platform's config documents: the agent subscribes to"
                + " desired_topic on it and publishes the outcome of each to reported_topic.")
        String sink,
        @Doc("PEM files of the operators' public keys (Ed25519 or EC P-256) whose signature a desired config needs.")
        @Default("[]") List<String> trustedKeys,
        @Doc("Refuse a desired config that is not a JWS signed by one of trusted_keys. false accepts plain JSON as"
                + " well; write it only for a broker nobody else can publish to.")
        @Default("true") boolean requireSigned,
        @Doc("Where the platform publishes the desired config, retained; {agent} is replaced by agent.id.")
        @Default("ferry/{agent}/config/desired") String desiredTopic,
        @Doc("Where the agent publishes, retained, what came of the last desired config; {agent} as above.")
        @Default("ferry/{agent}/config/reported") String reportedTopic,
        @Doc("Where the platform publishes update commands: signed as a desired config is, naming the https:// URL of"
                + " a bundle; {agent} as above. Taken only with an update section.")
        @Default("ferry/{agent}/update/desired") String updateDesiredTopic,
        @Doc("Where the agent publishes, retained, where its self-update is (phase, versions, reason, the last"
                + " command's outcome) each time that changes; {agent} as above.")
        @Default("ferry/{agent}/update/reported") String updateReportedTopic,
        @Doc("How long after applying a desired config the control sink has to be connected again; if it is not, the"
                + " agent goes back to the config it ran before, so that a remote change cannot cut it off for good.")
        @Default("3m") Duration probation) {

    public ControlSettings {
        trustedKeys = List.copyOf(trustedKeys);
    }

    /** {@code topic} with {@code {agent}} replaced. */
    public static String topicFor(String topic, String agentId) {
        return topic.replace("{agent}", agentId);
    }
}
