package dev.ferry.agent.cli;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * The table {@code ferry status} prints and {@code ferry top} redraws: the agent, the log, then one row per source
 * and sink. Rates come from two looks at the agent, counted over its own uptime; with one look, a sink shows the
 * rate the agent reports and a source shows none.
 */
final class StatusTable {

    private static final String ROW = "%-22s %-9s %11s %9s %15s %13s  %s%n";

    private StatusTable() {}

    static String render(AgentStatus now, @Nullable AgentStatus before) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "agent %s  version %s  up %s  config %s%s  %s%n", now.agentId(), now.version(),
                age(now.uptimeSeconds()), now.configSha256().isEmpty() ? "built-in" : now.configSha256().substring(0, 12),
                now.configOrigin().isEmpty() || now.configOrigin().equals("file") ? "" : " (" + now.configOrigin() + ")",
                now.ready() ? "READY" : "NOT READY"));
        if (now.lastReload() != null) {
            out.append("reload ").append(now.lastReload()).append(System.lineSeparator());
        }
        if (now.update() != null) {
            out.append("update ").append(now.update()).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "log   %d readings held, oldest %s%n%n", now.logReadings(),
                now.logOldestSeconds() == null ? "-" : age(now.logOldestSeconds())));
        out.append(String.format(Locale.ROOT, ROW, "COMPONENT", "STATE", "READINGS/S", "LAG", "OLDEST UNSENT",
                "DEAD LETTERS", "REASON"));
        for (AgentStatus.Component component : now.components()) {
            Double rate = rate(component, now, before);
            out.append(String.format(Locale.ROOT, ROW, component.label(), component.state(),
                    rate == null ? "-" : String.format(Locale.ROOT, "%.1f", rate),
                    component.lag() == null ? "-" : component.lag().toString(),
                    component.oldestUnsentSeconds() == null ? "-" : age(component.oldestUnsentSeconds()),
                    component.deadLetters() == null ? "-" : component.deadLetters().toString(),
                    component.reason()));
        }
        return out.toString();
    }

    static @Nullable Double rate(AgentStatus.Component component, AgentStatus now, @Nullable AgentStatus before) {
        if (before != null && now.uptimeSeconds() > before.uptimeSeconds()) {
            for (AgentStatus.Component earlier : before.components()) {
                if (earlier.label().equals(component.label()) && component.count() >= earlier.count()) {
                    return (component.count() - earlier.count()) / (now.uptimeSeconds() - before.uptimeSeconds());
                }
            }
        }
        return component.reportedRate();
    }

    private static String age(double seconds) {
        return Durations.format(Duration.ofSeconds((long) seconds));
    }
}
