package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.sink.mqtt.internal.TopicTemplate.Literal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a topic template unable to form a topic a broker would take, found before anything is sent: MQTT's
 * rules (no wildcards, at most 65,535 bytes of UTF-8) and the shapes that are legal but never meant (an empty level
 * in the middle or at the end, a {@code $} topic that brokers keep for themselves).
 */
public final class TopicRules {

    /** The longest a topic may be: MQTT writes its length in two bytes. */
    public static final int MAX_TOPIC_BYTES = 0xFFFF;
    /**
     * How many bytes a placeholder is counted as when checking a template's length: source and metric names, tag
     * values and (when it is not known yet) the agent id are rarely longer. A longer one at run time makes a topic that
     * is checked again and refused alone.
     */
    public static final int PLACEHOLDER_BYTES = 256;

    private TopicRules() {}

    /**
     * The problems of a template, each a sentence; empty when it can form valid topics.
     *
     * @param agentId the agent's id when known, so {@code {agent}} counts at its real length
     */
    public static List<String> problems(TopicTemplate template, @Nullable String agentId) {
        List<String> problems = new ArrayList<>();
        String text = template.toString();
        String literals = literalText(template);
        if (literals.indexOf('+') >= 0 || literals.indexOf('#') >= 0) {
            problems.add("the wildcards + and # are for subscribing and cannot be published to, in \"" + text + "\"");
        }
        if (template.parts().getFirst() instanceof Literal(String first) && first.startsWith("$")) {
            problems.add("topics starting with $ belong to the broker ($SYS), which does not pass on what clients publish"
                    + " there, in \"" + text + "\"");
        }
        if (literals.contains("//")) {
            problems.add("an empty level (//) makes a topic that no subscriber means to ask for, in \"" + text + "\"");
        }
        if (template.parts().getLast() instanceof Literal(String last) && last.endsWith("/")) {
            problems.add("a trailing / adds an empty last level, in \"" + text + "\"");
        }
        long longest = longestBytes(template, agentId);
        if (longest > MAX_TOPIC_BYTES) {
            problems.add("expands to up to " + longest + " bytes of UTF-8 (counting {agent} as "
                    + (agentId == null ? PLACEHOLDER_BYTES + " bytes" : "\"" + agentId + "\"") + " and every other placeholder as "
                    + PLACEHOLDER_BYTES + " bytes), more than the " + MAX_TOPIC_BYTES + " an MQTT topic may have");
        }
        return problems;
    }

    /** Whether a rendered topic is longer than MQTT allows; its UTF-8 length is counted only when it could be. */
    public static boolean tooLong(String topic) {
        return topic.length() * 3L > MAX_TOPIC_BYTES && topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES;
    }

    private static String literalText(TopicTemplate template) {
        StringBuilder all = new StringBuilder();
        for (TopicTemplate.Part part : template.parts()) {
            if (part instanceof Literal(String literal)) {
                all.append(literal);
            }
            all.append('\u0001'); // keeps "a/" and "/b" around a placeholder from reading as "a//b"
        }
        return all.toString();
    }

    private static long longestBytes(TopicTemplate template, @Nullable String agentId) {
        long bytes = 0;
        for (TopicTemplate.Part part : template.parts()) {
            bytes += switch (part) {
                case Literal(String literal) -> literal.getBytes(StandardCharsets.UTF_8).length;
                case TopicTemplate.Field(String name) when name.equals("agent") && agentId != null ->
                        agentId.getBytes(StandardCharsets.UTF_8).length;
                default -> PLACEHOLDER_BYTES;
            };
        }
        return bytes;
    }
}
