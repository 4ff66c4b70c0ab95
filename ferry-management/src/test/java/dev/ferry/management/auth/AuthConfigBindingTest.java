package dev.ferry.management.auth;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.StaticToken;
import dev.ferry.runtime.config.JwtConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigDocs;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.internal.Binder;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.EnvSubstitution;
import dev.ferry.runtime.config.internal.Origin;
import dev.ferry.runtime.config.internal.Problems;
import dev.ferry.runtime.config.internal.ConfigTrees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code auth:} section binds as every other config record does: defaults, {@code ${ENV}}, documented keys. */
class AuthConfigBindingTest {

    private static final String YAML = """
            auth:
              tokens:
                - token: ${FERRY_TOKEN}
                  scopes: [agent:read, agent:diagnose]
              jwt:
                keys: [ops.pem]
                issuer: https://ops.example.com
            """;

    @Test
    void aSectionBindsWithTheTokenFromTheEnvironmentAndTheDefaultSkew() throws Exception {
        Path file = Path.of("ferry.yaml");
        Problems problems = new Problems();
        ConfigMap root = ConfigTrees.read(YAML, file, ConfigFormat.YAML, problems);
        Binder binder = new Binder(new EnvSubstitution(Map.of("FERRY_TOKEN", "s3cret")), problems);

        AuthConfig config = binder.bindRecord((ConfigMap) root.entry("auth").value(), AuthConfig.class, "management.auth",
                Origin.top(file));
        problems.throwIfAny();

        assertThat(config.tokens()).containsExactly(new StaticToken("s3cret", List.of("agent:read", "agent:diagnose")));
        assertThat(config.jwt()).isEqualTo(new JwtConfig(List.of("ops.pem"), "https://ops.example.com", null, Duration.ofSeconds(60)));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void everyKeyIsDocumented() {
        String table = ConfigDocs.markdownTable(AuthConfig.class);

        assertThat(table).contains("tokens", "token", "scopes", "jwt", "keys", "issuer", "audience", "clock_skew", "`60s`");
    }
}
