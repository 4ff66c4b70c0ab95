package dev.ferry.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that cannot be used, with every error found in it. The message lists them one per line, in file
 * order, ready to print; there is no stack trace, as a bad config is the user's to fix, not a bug.
 */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
