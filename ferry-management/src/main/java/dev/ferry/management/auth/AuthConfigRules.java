package dev.ferry.management.auth;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.management.auth.internal.AuthChecks;
import dev.ferry.management.auth.internal.KeyFileException;
import dev.ferry.management.auth.internal.VerificationKey;
import dev.ferry.management.auth.internal.VerificationKeyReader;
import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.AuthRules;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The endpoint's rules for {@code management.auth}, offered to the config loader as a service. */
public final class AuthConfigRules implements AuthRules {

    @Override
    public @Nullable String signingKeyProblem(Path file) {
        try {
            VerificationKey key = VerificationKeyReader.read("", file);
            return key.algorithms().contains("ES256") || key.algorithms().contains("EdDSA") ? null
                    : "the key in " + file + " is " + key.key().getAlgorithm() + "; desired configs are signed with Ed25519"
                            + " (EdDSA) or EC P-256 (ES256) keys";
        } catch (KeyFileException e) {
            return e.problem();
        }
    }

    @Override
    public List<ConfigProblem> check(AuthConfig config, @Nullable Function<String, Path> files) {
        return files == null ? AuthChecks.settings(config) : AuthChecks.all(config, files);
    }
}
