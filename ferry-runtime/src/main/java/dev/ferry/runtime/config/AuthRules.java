package dev.ferry.runtime.config;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The rules of {@code management.auth} that only the management endpoint knows (token strength, scope names, the
 * operators' public keys), so that the config loader reports them at their lines like any other problem. The
 * endpoint offers them as a {@link java.util.ServiceLoader service}; without it, the section is only bound.
 */
public interface AuthRules {

    /**
     * Every problem of {@code config}, each at its key within the section ({@code tokens.0.token}, {@code jwt.keys.0}).
     *
     * @param files resolves a configured path; null when files are not to be read (the agent starting, not
     *     {@code ferry check})
     */
    List<ConfigProblem> check(AuthConfig config, @Nullable Function<String, Path> files);

    /**
     * What keeps {@code file} from being used as the public key of an operator who signs desired configs
     * ({@code control.trusted_keys}): Ed25519 or EC P-256; null when nothing does.
     */
    default @Nullable String signingKeyProblem(Path file) {
        return null;
    }
}
