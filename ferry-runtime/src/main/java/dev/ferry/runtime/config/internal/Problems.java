package dev.ferry.runtime.config.internal;

import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one load, so that the user sees all of them at once rather than one per attempt. */
public final class Problems {

    private final List<ConfigError> errors = new ArrayList<>();

    public void add(Origin at, String keyPath, String message) {
        errors.add(new ConfigError(at.file(), at.line(), at.column(), keyPath, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** How many problems were reported so far; with {@link #keysSince} tells what one step found. */
    int count() {
        return errors.size();
    }

    /** The key paths of the problems reported after the first {@code count}. */
    List<String> keysSince(int count) {
        return errors.subList(count, errors.size()).stream().map(ConfigError::keyPath).toList();
    }

    /** Throws with every error collected so far, in file order; returns quietly when there is none. */
    public void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            throw new ConfigException(sorted);
        }
    }

    /** An exception for a problem that stops reading at once, such as a syntax error. */
    public static ConfigException single(Origin at, String keyPath, String message) {
        return new ConfigException(List.of(new ConfigError(at.file(), at.line(), at.column(), keyPath, message)));
    }

    /** Joins a child key onto a dotted key path. */
    public static String path(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }
}
