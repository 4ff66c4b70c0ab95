package dev.ferry.management.auth.internal;

import java.io.IOException;

/** A key file named in {@code auth.jwt.keys} that cannot be used, with the key that names it. */
public final class KeyFileException extends IOException {

    private final String configKey;
    private final String problem;

    KeyFileException(String configKey, String problem) {
        super(configKey + ": " + problem);
        this.configKey = configKey;
        this.problem = problem;
    }

    /** The key relative to the {@code auth:} section, e.g. {@code jwt.keys.0}. */
    public String configKey() {
        return configKey;
    }

    /** What is wrong, naming the file, without the key. */
    public String problem() {
        return problem;
    }
}
