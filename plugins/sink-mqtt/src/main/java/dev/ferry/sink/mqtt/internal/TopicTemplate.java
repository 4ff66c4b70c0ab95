package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A topic with placeholders, parsed once: {@code {agent}}, {@code {source}}, {@code {metric}}, and
 * {@code {tag:NAME}} for a tag's value (empty when the reading has no such tag). Characters that would change a
 * topic's meaning ({@code +}, {@code #}, and {@code /} inside a value) are replaced by {@code _}, so a value
 * can never publish outside the template's shape.
 */
public final class TopicTemplate {

    private static final Set<String> FIXED = Set.of("agent", "source", "metric");

    private sealed interface Part permits Literal, Field, Tag {}

    private record Literal(String text) implements Part {}

    private record Field(String name) implements Part {}

    private record Tag(String name) implements Part {}

    private final String text;
    private final List<Part> parts;

    private TopicTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses a template; throws {@link IllegalArgumentException} naming the problem. */
    public static TopicTemplate parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' at position " + open + " in \"" + text + "\"");
            }
            parts.add(placeholder(text.substring(open + 1, close), text));
            i = close + 1;
        }
        for (Part part : parts) {
            if (part instanceof Literal(String literal) && (literal.contains("+") || literal.contains("#"))) {
                throw new IllegalArgumentException("wildcards + and # cannot be published to, in \"" + text + "\"");
            }
        }
        return new TopicTemplate(text, List.copyOf(parts));
    }

    private static Part placeholder(String name, String text) {
        if (FIXED.contains(name)) {
            return new Field(name);
        }
        if (name.startsWith("tag:") && name.length() > 4) {
            return new Tag(name.substring(4));
        }
        throw new IllegalArgumentException("unknown placeholder {" + name + "} in \"" + text
                + "\"; use {agent}, {source}, {metric} or {tag:NAME}");
    }

    /** True when the topic depends on nothing but the agent, as a batch or status topic must. */
    public boolean agentOnly() {
        return parts.stream().allMatch(p -> p instanceof Literal || p instanceof Field(String name) && name.equals("agent"));
    }

    public String render(String agent, Reading reading) {
        StringBuilder topic = new StringBuilder(text.length() + 32);
        for (Part part : parts) {
            switch (part) {
                case Literal(String literal) -> topic.append(literal);
                case Field(String name) -> appendSafe(topic, switch (name) {
                    case "agent" -> agent;
                    case "source" -> reading.source();
                    default -> reading.metric();
                });
                case Tag(String name) -> appendSafe(topic, reading.tags().getOrDefault(name, ""));
            }
        }
        return topic.toString();
    }

    /** Renders a template that depends on the agent only. */
    public String render(String agent) {
        if (!agentOnly()) {
            throw new IllegalStateException("topic \"" + text + "\" needs a reading");
        }
        StringBuilder topic = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(String literal) -> topic.append(literal);
                default -> appendSafe(topic, agent);
            }
        }
        return topic.toString();
    }

    private static void appendSafe(StringBuilder topic, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            topic.append(c == '/' || c == '+' || c == '#' || c == '\0' ? '_' : c);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
