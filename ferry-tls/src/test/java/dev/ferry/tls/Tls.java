package dev.ferry.tls;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.time.Clock;

/** Short ways for tests to write a {@code tls:} section and load it. */
final class Tls {

    private Tls() {}

    static TlsConfig trusting(TestPki pki) {
        return TlsConfig.trusting(pki.caFile().toString());
    }

    static TlsConfig mutual(TestPki pki, Issued client) {
        return trusting(pki).withIdentity(client.certFile().toString(), client.keyFile().toString(), null);
    }

    static ClientTls load(TlsConfig config) throws TlsConfigException {
        return ClientTls.load(config, TlsSetup.of(Path::of, Clock.systemUTC()));
    }
}
