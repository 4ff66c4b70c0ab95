package dev.ferry.management.auth.internal;

import dev.ferry.runtime.config.JwtConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Creates the {@link JwtVerifier}: the one door to the JWT library, opened only when {@code auth.jwt} is set. */
public final class JwtVerifiers {

    private JwtVerifiers() {}

    /** Reads every key file; the first that cannot be used is thrown, naming its key and file. */
    public static JwtVerifier load(JwtConfig config, Function<String, Path> resolvePath, Clock clock) throws KeyFileException {
        List<VerificationKey> keys = new ArrayList<>(config.keys().size());
        for (int i = 0; i < config.keys().size(); i++) {
            keys.add(VerificationKeyReader.read(keyName(i), resolvePath.apply(config.keys().get(i))));
        }
        ClaimsRules rules = new ClaimsRules(config.issuer(), config.audience(), config.clockSkew(), clock);
        return NimbusJwtVerifier.of(keys, rules);
    }

    /** The key of the {@code index}th key file relative to the {@code auth:} section. */
    public static String keyName(int index) {
        return "jwt.keys." + index;
    }
}
