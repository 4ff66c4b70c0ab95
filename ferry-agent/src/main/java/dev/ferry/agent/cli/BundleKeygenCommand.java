package dev.ferry.agent.cli;

import dev.ferry.update.SigningKeys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry bundle keygen}: a new Ed25519 key pair for signing bundles. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write a new Ed25519 key pair for signing bundles: PREFIX.key (private) and PREFIX.pub.")
final class BundleKeygenCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "PREFIX",
            description = "Where to write the keys: PREFIX.key and PREFIX.pub. Existing files are never overwritten.")
    Path prefix;

    @Override
    public Integer call() throws Exception {
        SigningKeys.TrustedKey key = SigningKeys.generate(prefix);
        System.out.println("wrote " + prefix + ".key (the private key: keep it on the machine that signs, readable by"
                + " you alone) and " + key.file() + " (key id " + key.id() + "): list the .pub file in the gateways'"
                + " update.trusted_keys");
        return 0;
    }
}
