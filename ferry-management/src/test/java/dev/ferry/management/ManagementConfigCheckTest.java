package dev.ferry.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.sink.file.FileSinkProvider;
import dev.ferry.source.simulated.SimulatedSourceProvider;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry check} finds what is wrong in the {@code management:} section at its line, as for any other section:
 * weak tokens and unknown scopes (also when the agent starts), and certificate, key and JWT key files that cannot be
 * used (when checking).
 */
class ManagementConfigCheckTest {

    @TempDir
    Path dir;

    @Test
    void everyProblemOfTheSectionIsReportedAtItsLine() throws Exception {
        PluginRegistry noPlugins = PluginRegistry.of(List.of(), List.of());
        Path config = Files.writeString(dir.resolve("ferry.yaml"), """
                agent: {id: gw, data_dir: ./data}
                management:
                  listen: "0.0.0.0:9713"
                  tls:
                    cert: ./missing.pem
                    key: ./missing.key
                  auth:
                    tokens:
                      - token: short
                        scopes: [agent:read, agent:fly]
                    jwt:
                      keys: [./operators.pem]
                      issuer: ops
                      audience: ferry
                """);

        ConfigException checked = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.check(config, Map.of(), noPlugins));
        assertThat(checked.getMessage()).contains(
                "ferry.yaml:5: management.tls.cert: ",
                "ferry.yaml:9: management.auth.tokens.0.token: is 5 characters long, too easy to guess",
                "ferry.yaml:10: management.auth.tokens.0.scopes.1: unknown scope \"agent:fly\"",
                "ferry.yaml:12: management.auth.jwt.keys.0: ");
        assertThat(checked.getMessage()).doesNotContain("short").doesNotContain("Exception");

        ConfigException started = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(config, Map.of(), noPlugins));
        assertThat(started.getMessage()).as("starting reads no files, but knows a weak token")
                .contains("management.auth.tokens.0.token").doesNotContain("management.tls.cert").doesNotContain("jwt.keys.0");
    }

    @Test
    void usableFilesAndStrongTokensPass() throws Exception {
        PluginRegistry plugins = PluginRegistry.of(List.of(new SimulatedSourceProvider()), List.of(new FileSinkProvider()));
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Issued server = pki.server("gw.example");
        Path config = Files.writeString(dir.resolve("ferry.yaml"), """
                agent: {id: gw, data_dir: ./data}
                management:
                  listen: "0.0.0.0:9713"
                  tls: {cert: "%s", key: "%s"}
                  auth:
                    tokens: [{token: "${TOKEN}", scopes: [agent:read]}]
                sources:
                  boiler: {type: simulated}
                sinks:
                  out: {type: file, path: ./out.jsonl}
                """.formatted(server.certFile(), server.keyFile()));

        assertThat(ConfigLoader.check(config, Map.of("TOKEN", "0123456789abcdef0123456789abcdef"), plugins).agentId())
                .isEqualTo("gw");
    }
}
