package dev.ferry.sink.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.coap.PskConfig;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsIdentity;

/**
 * How the sink authenticates for one DTLS connector: the identity {@code ClientTls.current()} gave at (re)opening,
 * or a pre-shared key. Plain CoAP has none.
 */
public sealed interface Credentials {

    /** X.509: the loaded identity (maybe without a client certificate) and the section it came from. */
    record Certificates(TlsIdentity identity, TlsConfig tls) implements Credentials {}

    record PreShared(PskConfig psk) implements Credentials {}

    /** How a refusal by the server is best read. */
    default DtlsFailures.Authentication kind() {
        return switch (this) {
            case Certificates c -> c.identity().privateKey() != null ? DtlsFailures.Authentication.CERTIFICATE
                    : DtlsFailures.Authentication.NONE;
            case PreShared p -> DtlsFailures.Authentication.PSK;
        };
    }

    /** The host name to send as SNI and check the server's certificate against; null to check the address. */
    default @Nullable String serverName(String host, boolean literalAddress) {
        if (this instanceof Certificates c && c.tls().serverName() != null) {
            return c.tls().serverName();
        }
        return literalAddress ? null : host;
    }
}
