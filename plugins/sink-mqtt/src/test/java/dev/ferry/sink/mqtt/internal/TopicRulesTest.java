package dev.ferry.sink.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicRulesTest {

    private static List<String> problems(String template) {
        return TopicRules.problems(TopicTemplate.parse(template), null);
    }

    @Test
    void ordinaryTemplatesPass() {
        assertThat(problems("ferry/{agent}/{source}/{metric}")).isEmpty();
        assertThat(problems("tenants/{tag:tenant}/{source}/{metric}")).isEmpty();
        assertThat(problems("/legacy/{source}")).as("a leading / is a topic of its own, as MQTT means it").isEmpty();
        assertThat(problems("a/{source}/{metric}")).as("placeholders between separators are no empty level").isEmpty();
    }

    @Test
    void wildcardsCannotBePublishedTo() {
        assertThat(problems("ferry/+/x")).singleElement().asString().contains("wildcards");
        assertThat(problems("ferry/{agent}/#")).singleElement().asString().contains("wildcards");
    }

    @Test
    void emptyLevelsInTheMiddleOrAtTheEndAreRefused() {
        assertThat(problems("tenants/acme//{metric}")).singleElement().asString().contains("empty level (//)");
        assertThat(problems("ferry/{agent}/")).singleElement().asString().contains("trailing /");
    }

    @Test
    void topicsOfTheBrokerItselfAreRefused() {
        assertThat(problems("$SYS/{agent}")).singleElement().asString().contains("starting with $");
    }

    @Test
    void aTemplateThatCanExpandBeyondWhatMqttAllowsIsRefused() {
        String nearlyFull = "a".repeat(TopicRules.MAX_TOPIC_BYTES - 2 * TopicRules.PLACEHOLDER_BYTES);
        assertThat(problems(nearlyFull + "{source}{metric}")).isEmpty();
        assertThat(problems(nearlyFull + "{source}{metric}/x")).singleElement().asString()
                .contains("65537 bytes").contains("65535");
        assertThat(problems("ä".repeat(32_768))).as("bytes of UTF-8, not characters").hasSize(1);
    }

    @Test
    void aKnownAgentIdCountsAtItsRealLength() {
        String nearlyFull = "a".repeat(TopicRules.MAX_TOPIC_BYTES - 10);
        TopicTemplate template = TopicTemplate.parse(nearlyFull + "{agent}");
        assertThat(TopicRules.problems(template, "gw-01")).isEmpty();
        assertThat(TopicRules.problems(template, "gateway-0001")).singleElement().asString().contains("\"gateway-0001\"");
        assertThat(TopicRules.problems(template, null)).hasSize(1);
    }

    @Test
    void renderedTopicsAreMeasuredInUtf8() {
        assertThat(TopicRules.tooLong("a".repeat(TopicRules.MAX_TOPIC_BYTES))).isFalse();
        assertThat(TopicRules.tooLong("a".repeat(TopicRules.MAX_TOPIC_BYTES + 1))).isTrue();
        assertThat(TopicRules.tooLong("ä".repeat(32_768))).isTrue();
    }
}
