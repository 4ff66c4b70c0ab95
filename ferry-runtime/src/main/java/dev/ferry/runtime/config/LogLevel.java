package dev.ferry.runtime.config;

import dev.ferry.runtime.config.internal.KeyNames;
import dev.ferry.runtime.config.internal.TypeNames;
import java.util.Arrays;

/**
 * The least severe log lines the agent writes ({@code agent.log_level}, {@code FERRY_LOG_LEVEL}, {@code --log-level}),
 * from the fewest lines to the most.
 */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** The level written as in a config file ({@code warn}); the same wording as a config error when it is none. */
    public static LogLevel parse(String text) {
        return Arrays.stream(values())
                .filter(level -> level.configName().equals(text.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown value \"" + text + "\"; expected one of: " + TypeNames.enumValues(LogLevel.class)));
    }

    /** As written in a config file and understood by the logging backend: {@code warn}. */
    public String configName() {
        return KeyNames.kebabCase(this);
    }
}
