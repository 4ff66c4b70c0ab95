package dev.ferry.tls;

import dev.ferry.api.Nullable;
import dev.ferry.tls.internal.CipherSuiteNames;
import dev.ferry.tls.internal.GroupNames;

/**
 * The standard spelling of names written in a {@code tls:} section, for a plugin whose TLS stack is not the JDK's
 * (a DTLS library) and so checks the names itself. {@link ClientTls} applies these already.
 */
public final class TlsNames {

    private TlsNames() {}

    /** The IANA name of a cipher suite written in IANA or OpenSSL style: {@code ECDHE-ECDSA-AES128-CCM8} gives {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8}. */
    public static String cipherSuite(String written) {
        return CipherSuiteNames.toIana(written);
    }

    /**
     * Why a cipher suite, by its IANA name, is refused in {@code cipher_suites}, or null when it is not: CBC,
     * static key exchange, and broken or missing ciphers. The reason reads after the suite's name.
     */
    public static @Nullable String weakness(String ianaName) {
        return CipherSuiteNames.weakness(ianaName);
    }

    /** The JDK's name of a key-exchange group: {@code P-256} and {@code prime256v1} give {@code secp256r1}. */
    public static String namedGroup(String written) {
        return GroupNames.toJdk(written);
    }
}
