package dev.ferry.management.auth;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.management.auth.internal.AuthChecks;
import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.AuthRules;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The endpoint's rules for {@code management.auth}, offered to the config loader as a service. */
public final class AuthConfigRules implements AuthRules {

    @Override
    public List<ConfigProblem> check(AuthConfig config, @Nullable Function<String, Path> files) {
        return files == null ? AuthChecks.settings(config) : AuthChecks.all(config, files);
    }
}
