package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.api.config.Durations;
import dev.ferry.management.control.DesiredDocumentSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry sign-config}: turns a config file into the signed desired document an agent with a {@code control:}
 * section applies when it arrives on its desired topic. Prints the document, to be published retained, e.g. with
 * {@code mosquitto_pub -r -q 1 -t ferry/gw-01/config/desired -s}.
 */
@Command(name = "sign-config", mixinStandardHelpOptions = true,
        description = {"Sign a config file for an agent that takes its config from the platform (control: section)"
        + " and print the document to publish, retained, on the agent's desired topic."})
final class SignConfigCommand implements Callable<Integer> {

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "PEM",
            description = "The operator's private key: PKCS#8 PEM, Ed25519 or EC P-256. The agent trusts its public"
                    + " half in control.trusted_keys.")
    Path key;

    @Option(names = "--config-version", required = true, paramLabel = "N",
            description = "The config's version: higher than any sent to this agent before, or it is ignored as stale.")
    long version;

    @Option(names = "--agent", required = true, paramLabel = "ID",
            description = "The agent.id of the agent it is meant for; any other agent refuses it.")
    String agentId;

    @Option(names = "--expires", defaultValue = "1d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the agent may apply it after now. Default: ${DEFAULT-VALUE}.")
    Duration expires;

    @Parameters(paramLabel = "FILE", description = "The complete config (.yaml, .yml, .toml or .json).")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (version < 1) {
            throw new UserError("--config-version must be 1 or more");
        }
        String config;
        try {
            config = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".toml") ? "toml" : name.endsWith(".json") ? "json" : "yaml";
        Instant now = Instant.now();
        try {
            System.out.println(DesiredDocumentSigner.withKey(key).sign(version, config, format, agentId, now,
                    now.plus(expires)));
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        System.err.println("ferry: version " + version + " for " + agentId + ", valid for "
                + Durations.format(expires) + "; publish it retained on the agent's desired topic");
        return 0;
    }
}
