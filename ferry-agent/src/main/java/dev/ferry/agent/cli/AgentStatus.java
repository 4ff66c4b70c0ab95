package dev.ferry.agent.cli;

import dev.ferry.agent.JsonTree;
import dev.ferry.api.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code ferry status} and {@code ferry top} show of the agent's {@code GET /status} answer.
 *
 * @param uptimeSeconds by the agent's clock; rates are counted over its differences, so they do not depend on
 *     when this side happened to ask
 * @param configOrigin {@code file}, {@code built-in}, or {@code remote version N}
 * @param logReadings readings held in the log
 * @param logOldestSeconds age of the oldest, null when the log is empty
 * @param lastReload the newest config reload as one line ({@code applied 2026-12-07T06:40:55Z (SIGHUP): ...}); null
 *     before the first
 * @param update the self-update as one line ({@code committed 1.4.0 since ...}); null without an update section or
 *     before the first
 */
record AgentStatus(String agentId, String version, double uptimeSeconds, String configSha256, String configOrigin,
        boolean ready,
        long logReadings, @Nullable Double logOldestSeconds, List<Component> components, @Nullable String lastReload,
        @Nullable String update) {

    /**
     * One source or sink.
     *
     * @param count readings read (source) or acknowledged by the peer (sink) since start
     * @param reportedRate the agent's own rate for it, when it has one (sinks)
     */
    record Component(String kind, String name, String state, String reason, long count, @Nullable Double reportedRate,
            @Nullable Long lag, @Nullable Double oldestUnsentSeconds, @Nullable Long deadLetters) {

        String label() {
            return kind + " " + name;
        }
    }

    static AgentStatus parse(byte[] json) throws IOException {
        try {
            return fromTree(JsonTree.parse(json));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static AgentStatus fromTree(@Nullable Object tree) {
        Map<String, Object> root = map(tree, "the status");
        Map<String, Object> agent = map(root.get("agent"), "agent");
        Map<String, Object> config = map(agent.get("config"), "agent.config");
        Map<String, Object> log = map(root.get("log"), "log");
        List<Component> components = new ArrayList<>();
        map(root.get("sources"), "sources").forEach((name, value) -> {
            Map<String, Object> source = map(value, "sources." + name);
            components.add(new Component("source", name, text(source.get("state")), text(source.get("reason")),
                    whole(source.get("readings")), null, null, null, null));
        });
        map(root.get("sinks"), "sinks").forEach((name, value) -> {
            Map<String, Object> sink = map(value, "sinks." + name);
            components.add(new Component("sink", name, text(sink.get("state")), text(sink.get("reason")),
                    whole(sink.get("acknowledged")), decimal(sink.get("acknowledged_per_second")),
                    whole(sink.get("lag_readings")), decimal(sink.get("oldest_unsent_age_seconds")),
                    whole(sink.get("dead_letters"))));
        });
        return new AgentStatus(text(agent.get("id")), text(agent.get("version")), Objects.requireNonNullElse(decimal(agent.get("uptime_seconds")), 0.0),
                text(config.get("sha256")), text(config.get("origin")), Boolean.TRUE.equals(root.get("ready")), whole(log.get("readings")),
                decimal(log.get("oldest_age_seconds")), components, lastReload(config.get("last_reload")),
                update(root.get("update")));
    }

    /** {@code rolled back 1.4.0 (from 1.3.2) 2026-12-07T06:40:55Z: version 1.4.0 did not become ready within 2m}. */
    private static @Nullable String update(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> update) || "idle".equals(update.get("phase"))) {
            return null;
        }
        String line = text(update.get("phase")).replace('_', ' ') + " " + text(update.get("target")) + " (from "
                + text(update.get("previous")) + ") " + text(update.get("since"));
        return update.get("reason") == null ? line : line + ": " + update.get("reason");
    }

    /** {@code refused 2026-12-07T06:40:55Z (SIGHUP): ferry.yaml:12: ...}, the first message only. */
    private static @Nullable String lastReload(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> reload)) {
            return null;
        }
        String line = text(reload.get("result")).replace('_', ' ') + " " + text(reload.get("at")) + " ("
                + text(reload.get("trigger")) + "): " + text(reload.get("changes"));
        if (reload.get("messages") instanceof List<?> messages && !messages.isEmpty()) {
            line += "; " + messages.getFirst() + (messages.size() > 1 ? " (and " + (messages.size() - 1) + " more)" : "");
        }
        return line;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is missing from the agent's answer; is it a Ferry agent of this version?");
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static Long whole(@Nullable Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }

    private static @Nullable Double decimal(@Nullable Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }
}
