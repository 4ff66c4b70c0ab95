package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.tls.TlsConfig;
import java.util.List;

/** The {@code management:} section: the agent's HTTP endpoint for health, readiness, status and metrics. */
public record ManagementSettings(
        @Doc("Serve the management endpoint; false turns it off.") @Default("true") boolean enabled,
        @Doc("Address and port it listens on, as HOST:PORT; anything but a loopback address needs TLS and tokens.")
        @Default("127.0.0.1:9713") String listen,
        @Doc("Components that must be UP for /ready to answer 200, e.g. [sink cloud, source boiler]; empty means"
                + " every source and sink.")
        @Default("[]") List<String> readyRequires,
        @Doc("Bearer tokens and JWT keys that may use the endpoint, each with its scopes (agent:read,"
                + " agent:diagnose, config:write, agent:update). Once any is configured, every endpoint but /health needs one.")
        @Nullable AuthConfig auth,
        @Doc("The endpoint's own certificate and key (cert, key and, for an encrypted key or PKCS#12, password) to"
                + " serve HTTPS; needed to listen anywhere but on a loopback address. Same keys as a sink's tls section.")
        @Nullable TlsConfig tls) {

    public ManagementSettings {
        readyRequires = List.copyOf(readyRequires);
    }

    /** What an agent without a {@code management:} section gets. */
    public static ManagementSettings defaults() {
        return new ManagementSettings(true, "127.0.0.1:9713", List.of(), null, null);
    }

    /** The tokens configured, none when the section has no {@code auth:}. */
    public AuthConfig authOrNone() {
        return auth == null ? AuthConfig.none() : auth;
    }
}
