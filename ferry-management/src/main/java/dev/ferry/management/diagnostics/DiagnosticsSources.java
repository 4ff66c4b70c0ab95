package dev.ferry.management.diagnostics;

import dev.ferry.runtime.config.ConfigFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What a support bundle takes from the process that runs the agent, beyond what the endpoint sees itself.
 *
 * @param configText the config as it was read when the agent started, before {@code ${VAR}} substitution
 * @param configName the config's file name, or the name of the built-in config
 * @param configFormat how {@code configText} is written
 * @param env the environment the config was substituted from; used only to learn which values are secrets
 * @param recentLogLines the agent's last log lines, oldest first
 * @param logStats what {@code ferry log stats} prints for this agent's log
 */
public record DiagnosticsSources(String configText, String configName, ConfigFormat configFormat,
        Map<String, String> env, Supplier<List<String>> recentLogLines, Callable<String> logStats) {

    public DiagnosticsSources {
        env = Map.copyOf(env);
    }
}
