package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A topic with placeholders, parsed once: {@code {agent}}, {@code {source}}, {@code {metric}}, and
 * {@code {tag:NAME}} for a tag's value. Characters that would change a topic's meaning ({@code +}, {@code #}, and
 * {@code /} inside a value) and those MQTT cannot carry (U+0000, a lone surrogate) are replaced by {@code _}, and
 * a value that is empty (a tag the reading does not have) becomes {@code _}, so a value can never publish outside
 * the template's shape nor leave an empty level in it.
 */
public final class TopicTemplate {

    /** What stands for a missing or empty value, so that every placeholder fills a level of its own. */
    public static final char MISSING = '_';

    private static final Set<String> FIXED = Set.of("agent", "source", "metric");

    sealed interface Part permits Literal, Field, Tag {}

    record Literal(String text) implements Part {}

    record Field(String name) implements Part {}

    record Tag(String name) implements Part {}

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

    /** The names of the tags the template uses, in order of first use. */
    public Set<String> tags() {
        Set<String> tags = new java.util.LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Tag(String name)) {
                tags.add(name);
            }
        }
        return tags;
    }

    List<Part> parts() {
        return parts;
    }

    /** True when the topic depends on nothing but the agent, as a batch or status topic must. */
    public boolean agentOnly() {
        return parts.stream().allMatch(p -> p instanceof Literal || p instanceof Field(String name) && name.equals("agent"));
    }

    /**
     * The leading levels that are the same for every reading, each with its {@code /}: {@code tenants/acme/} for
     * {@code tenants/acme/{source}/{metric}}; empty when the first level already holds a placeholder.
     */
    public String fixedPrefix() {
        if (!(parts.getFirst() instanceof Literal(String literal))) {
            return "";
        }
        // A literal followed by a placeholder ends in a partial level (ferry-{agent}); that level is not fixed.
        String whole = parts.size() == 1 ? literal + "/" : literal;
        return whole.substring(0, whole.lastIndexOf('/') + 1);
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
        if (value.isEmpty()) {
            topic.append(MISSING);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                topic.append(c).append(value.charAt(++i));
            } else {
                topic.append(c == '/' || c == '+' || c == '#' || c == '\0' || Character.isSurrogate(c) ? MISSING : c);
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
