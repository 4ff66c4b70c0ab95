package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Positive;
import dev.ferry.tls.TlsConfig;
import java.time.Duration;
import java.util.List;

/** The {@code update:} section: which signed bundles the agent installs, and how it tries a new version. */
public record UpdateSettings(
        @Doc("PEM files of the public keys (Ed25519, from `ferry bundle keygen`) whose signatures a bundle needs."
                + " Several allow a key to be rotated.")
        List<String> trustedKeys,
        @Doc("How many of trusted_keys must have signed a bundle.")
        @Default("1") @Positive int threshold,
        @Doc("Install a bundle older than the running version. Off, an old bundle replayed by an attacker cannot take"
                + " a fleet back to a version with a known flaw.")
        @Default("false") boolean allowDowngrade,
        @Doc("How long a new version has to become ready (the rules of /ready) once it runs; if it does not, or ends"
                + " before, the agent switches back to the version it replaced.")
        @Default("2m") @Positive Duration probation,
        @Doc("The largest bundle accepted, downloaded or given as a file.")
        @Default("256MiB") @Positive DataSize maxSize,
        @Doc("How long a download may take in all; a cut one resumes where it stopped when asked again.")
        @Default("30m") @Positive Duration downloadTimeout,
        @Doc("Client certificate, key and CA for downloads from the update server (mutual TLS); same keys as a sink's"
                + " tls section. Left out: the JDK's trusted CAs and no client certificate.")
        @Nullable TlsConfig tls,
        @Doc("A file holding the bearer token (a JWT with scope agent:update) sent to the update server; read at each"
                + " download, so a renewed token needs no restart.")
        @Nullable String tokenFile,
        @Doc("Where installed versions are kept, each in a folder of its own beside a link `current` to the one in"
                + " charge. Left out: versions/ in agent.data_dir. The launcher follows the link from there.")
        @Nullable String versionsDir,
        @Doc("How many installed versions to keep besides the one running, to switch back to.")
        @Default("1") int keepVersions) {

    public UpdateSettings {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
