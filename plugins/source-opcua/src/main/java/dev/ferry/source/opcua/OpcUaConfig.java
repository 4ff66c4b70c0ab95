package dev.ferry.source.opcua;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Positive;
import java.time.Duration;
import java.util.List;

/** The keys of a {@code type: opcua} source. */
public record OpcUaConfig(
        @Doc("The server's endpoint URL, opc.tcp://host:port/path; its endpoints are discovered there.") String endpoint,
        @Doc("none or basic256sha256.") @Default("none") SecurityPolicy securityPolicy,
        @Doc("none, sign or sign-and-encrypt; sign-and-encrypt when a policy is set, none without.")
                @Nullable SecurityMode securityMode,
        @Doc("Server certificates (PEM or DER files) to trust besides those in the pki trusted directory.")
                @Default("[]") List<String> trustedCerts,
        @Doc("Trust every server certificate, unchecked; for labs only.") @Default("false") boolean trustAllServers,
        @Doc("The application URI of Ferry's certificate; urn:ferry:<agent id>:<source name> when left out.")
                @Nullable String applicationUri,
        @Doc("User name to sign in with; anonymous when left out.") @Nullable String username,
        @Doc("Password of username; write ${VAR} to take it from the environment.") @Nullable String password,
        @Doc("How often the server sends the changes of subscribed items.") @Default("1s") @Positive Duration publishingInterval,
        @Doc("How often polled items are read.") @Default("1s") @Positive Duration pollInterval,
        @Doc("Deadline of one request to the server (discovery, connect, read).") @Default("10s") @Positive Duration requestTimeout,
        @Doc("How long the server keeps the session (and its subscription) while the connection is down.")
                @Default("2m") @Positive Duration sessionTimeout,
        @Doc("The variables to read.") List<ItemConfig> items) {

    public OpcUaConfig {
        trustedCerts = List.copyOf(trustedCerts);
        items = List.copyOf(items);
    }

    /** The configured mode, or the one that goes with the policy. */
    public SecurityMode securityModeOrDefault() {
        if (securityMode != null) {
            return securityMode;
        }
        return securityPolicy == SecurityPolicy.NONE ? SecurityMode.NONE : SecurityMode.SIGN_AND_ENCRYPT;
    }
}
