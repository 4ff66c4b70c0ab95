package dev.ferry.runtime.config.internal;

import dev.ferry.api.Nullable;
import dev.ferry.runtime.config.UpdateSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The rules of the {@code update:} section that its keys alone do not state. */
final class UpdateChecks {

    private UpdateChecks() {}

    /** @param files resolves a configured path when the files named are to be read; null when not */
    static void check(UpdateSettings update, ConfigMap root, Problems problems, @Nullable Function<String, Path> files) {
        if (update.trustedKeys().isEmpty()) {
            add(root, problems, "update.trusted_keys", "names no key, so no bundle could be installed; list the PEM"
                    + " files of the public keys that sign bundles (`ferry bundle keygen` writes one)");
        } else if (update.threshold() > update.trustedKeys().size()) {
            add(root, problems, "update.threshold", "asks for " + update.threshold() + " signatures, but trusted_keys"
                    + " names " + update.trustedKeys().size() + " key(s)");
        }
        if (update.keepVersions() < 0) {
            add(root, problems, "update.keep_versions", "must be 0 or more, was " + update.keepVersions());
        }
        if (files == null) {
            return;
        }
        for (int i = 0; i < update.trustedKeys().size(); i++) {
            Path file = files.apply(update.trustedKeys().get(i));
            String problem = publicKeyProblem(file);
            if (problem != null) {
                add(root, problems, "update.trusted_keys." + i, problem);
            }
        }
        if (update.tokenFile() != null && !Files.isReadable(files.apply(update.tokenFile()))) {
            add(root, problems, "update.token_file", "cannot read " + files.apply(update.tokenFile()));
        }
    }

    /** Only the form: the key itself is read, and any flaw named, when a bundle is checked against it. */
    private static @Nullable String publicKeyProblem(Path file) {
        if (!Files.isReadable(file)) {
            return "no such file: " + file;
        }
        try {
            return Files.readString(file).contains("-----BEGIN PUBLIC KEY-----") ? null
                    : file + " holds no PEM public key (-----BEGIN PUBLIC KEY-----); give the .pub file, not the private key";
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
    }

    private static void add(ConfigMap root, Problems problems, String key, String problem) {
        problems.add(NodeLookup.originOf(root, key, root.origin()), key, problem);
    }
}
