package dev.ferry.management.auth.internal;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.StaticToken;
import dev.ferry.runtime.config.JwtConfig;
import dev.ferry.api.ConfigProblem;
import dev.ferry.management.auth.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code ferry check} finds wrong in an {@code auth:} section, each problem at its key relative to the
 * section ({@code tokens.0.scopes.1}, {@code jwt.keys.0}). Key files are read with the JDK alone.
 */
public final class AuthChecks {

    /** Below this a token can be guessed; 32 hex digits are 128 bits. */
    static final int MIN_TOKEN_LENGTH = 32;

    private static final String MAKE_TOKEN = "e.g. from `openssl rand -hex 32`, given as ${FERRY_TOKEN}";

    private AuthChecks() {}

    /** Every problem, including those in the key files. */
    public static List<ConfigProblem> all(AuthConfig config, Function<String, Path> resolvePath) {
        List<ConfigProblem> problems = new ArrayList<>(settings(config));
        JwtConfig jwt = config.jwt();
        if (jwt != null) {
            for (int i = 0; i < jwt.keys().size(); i++) {
                try {
                    VerificationKeyReader.read(JwtVerifiers.keyName(i), resolvePath.apply(jwt.keys().get(i)));
                } catch (KeyFileException e) {
                    problems.add(new ConfigProblem(e.configKey(), e.problem()));
                }
            }
        }
        return problems;
    }

    /** The problems that need no file: tokens and scope names, and a {@code jwt:} without keys. */
    public static List<ConfigProblem> settings(AuthConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.tokens().size(); i++) {
            checkToken(config.tokens().get(i), "tokens." + i, problems);
        }
        if (config.jwt() != null && config.jwt().keys().isEmpty()) {
            problems.add(new ConfigProblem("jwt.keys", "names no key; list the PEM files of the public keys that sign tokens"));
        }
        return problems;
    }

    private static void checkToken(StaticToken token, String key, List<ConfigProblem> problems) {
        String text = token.token();
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(key + ".token", "is empty (an unset variable?); set a random token, " + MAKE_TOKEN));
        } else if (!BearerToken.B64TOKEN.matcher(text).matches()) {
            problems.add(new ConfigProblem(key + ".token", "has characters a Bearer header cannot carry; use letters,"
                    + " digits and -._~+/ only, " + MAKE_TOKEN));
        } else if (text.length() < MIN_TOKEN_LENGTH) {
            problems.add(new ConfigProblem(key + ".token", "is " + text.length() + " characters long, too easy to guess;"
                    + " use " + MIN_TOKEN_LENGTH + " or more, " + MAKE_TOKEN));
        }
        if (token.scopes().isEmpty()) {
            problems.add(new ConfigProblem(key + ".scopes", "grants nothing; list one or more of " + Scope.texts()));
        }
        for (int j = 0; j < token.scopes().size(); j++) {
            String scope = token.scopes().get(j);
            if (Scope.ofText(scope) == null) {
                problems.add(new ConfigProblem(key + ".scopes." + j, "unknown scope " + Printable.quote(scope)
                        + "; known: " + String.join(", ", Scope.texts())));
            }
        }
    }
}
