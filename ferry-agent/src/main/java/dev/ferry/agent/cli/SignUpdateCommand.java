package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.api.config.Durations;
import dev.ferry.management.control.DesiredDocumentSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry sign-update}: the signed command that makes an agent with {@code control:} and {@code update:}
 * sections install a bundle when it arrives on its update topic. Prints the command, to be published, e.g. with
 * {@code mosquitto_pub -r -q 1 -t ferry/gw-01/update/desired -s}.
 */
@Command(name = "sign-update", mixinStandardHelpOptions = true,
        description = {"Sign an update command for an agent that takes commands from the platform (control: and"
        + " update: sections) and print it, to publish on the agent's update topic."})
final class SignUpdateCommand implements Callable<Integer> {

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "PEM",
            description = "The operator's private key: PKCS#8 PEM, Ed25519 or EC P-256. The agent trusts its public"
                    + " half in control.trusted_keys.")
    Path key;

    @Option(names = "--command-version", required = true, paramLabel = "N",
            description = "The command's number: higher than any sent to this agent before, or it is ignored as stale.")
    long version;

    @Option(names = "--agent", required = true, paramLabel = "ID",
            description = "The agent.id of the agent it is meant for; any other agent refuses it.")
    String agentId;

    @Option(names = "--bundle", required = true, paramLabel = "URL",
            description = "The https:// URL the agent downloads the bundle from (with update.tls and update.token_file).")
    String bundle;

    @Option(names = "--stage", description = "Only install it; SIGUSR2 to the agent switches to it later.")
    boolean stage;

    @Option(names = "--retry-rolled-back", description = "Try the version even if it was rolled back before.")
    boolean retryRolledBack;

    @Option(names = "--expires", defaultValue = "1d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the agent may act on it after now. Default: ${DEFAULT-VALUE}.")
    Duration expires;

    @Override
    public Integer call() throws Exception {
        if (version < 1) {
            throw new UserError("--command-version must be 1 or more");
        }
        if (!bundle.startsWith("https://")) {
            throw new UserError("--bundle must be an https:// URL: agents download updates over HTTPS only");
        }
        Instant now = Instant.now();
        try {
            System.out.println(DesiredDocumentSigner.withKey(key).signUpdate(version, bundle, retryRolledBack, stage,
                    agentId, now, now.plus(expires)));
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        System.err.println("ferry: update command " + version + " for " + agentId + ", valid for "
                + Durations.format(expires) + "; publish it on the agent's update topic");
        return 0;
    }
}
