package dev.ferry.agent.cli;

import dev.ferry.api.Nullable;
import dev.ferry.runtime.config.ConfigException;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that ask the running agent: which config it runs, and the token to show it. */
final class AgentConnection {

    static final String TOKEN_VARIABLE = "FERRY_TOKEN";

    @Mixin
    ConfigOption config;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for the agent's management endpoint. Default: the " + TOKEN_VARIABLE
                    + " environment variable, which is better: a command line can be read by every user of the machine.")
    @Nullable String token;

    ManagementClient client() throws AgentUnreachable, ConfigException, IOException {
        return ManagementClient.of(config, tokenOrEnvironment());
    }

    private @Nullable String tokenOrEnvironment() {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String fromEnvironment = System.getenv(TOKEN_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
