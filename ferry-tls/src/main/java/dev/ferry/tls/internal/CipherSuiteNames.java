package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import java.util.Locale;
import java.util.Map;

/**
 * OpenSSL's names for the cipher suites in common use, mapped to the IANA names the JDK (and Scandium) use, so a
 * suite list can be copied from a broker's or an OpenSSL-based device's configuration.
 */
public final class CipherSuiteNames {

    private static final Map<String, String> IANA_BY_OPENSSL = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES128-CCM", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"),
            Map.entry("ECDHE-ECDSA-AES256-CCM", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"),
            Map.entry("ECDHE-ECDSA-AES128-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"),
            Map.entry("ECDHE-ECDSA-AES256-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"),
            Map.entry("DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("PSK-AES128-CCM8", "TLS_PSK_WITH_AES_128_CCM_8"),
            Map.entry("PSK-AES128-GCM-SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-PSK-AES128-CBC-SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"));

    private CipherSuiteNames() {}

    /**
     * The IANA name of a suite written either way; a name OpenSSL and IANA share (the TLS 1.3 suites) or one this
     * table does not know comes back as written, upper-cased, for the caller to check against what it supports.
     */
    public static String toIana(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return IANA_BY_OPENSSL.getOrDefault(upper, upper);
    }

    /**
     * Why a suite may not be named in an allow-list, or null when it may. A list is there to narrow what is offered,
     * so a suite that current guidance (RFC 9325) advises against is taken for a mistake, typically copied from an
     * old broker's configuration: such a suite would be negotiated only where an attacker can push a handshake
     * down to it. The JDK's defaults, used when no list is given, keep the CBC suites last for older brokers.
     */
    public static @Nullable String weakness(String ianaName) {
        String name = ianaName.toUpperCase(Locale.ROOT);
        if (name.contains("_NULL_") || name.endsWith("_NULL") || name.contains("_ANON_")) {
            return "it encrypts or authenticates nothing";
        }
        if (name.contains("EXPORT") || name.contains("_RC4_") || name.contains("DES") || name.contains("_IDEA_")
                || name.endsWith("_MD5")) {
            return "its cipher or hash is broken";
        }
        if (name.startsWith("TLS_RSA_") || name.startsWith("TLS_ECDH_") || name.startsWith("TLS_DH_")) {
            return "it has no forward secrecy: whoever gets the server's key later reads every recorded session";
        }
        if (name.contains("_CBC_")) {
            return "it is a CBC suite (MAC-then-encrypt, the target of padding-oracle attacks such as Lucky Thirteen)";
        }
        return null;
    }

    /** Whether a suite works only with TLS 1.3 (whose suites name no key exchange). */
    static boolean isTls13Only(String ianaName) {
        return ianaName.startsWith("TLS_AES_") || ianaName.startsWith("TLS_CHACHA20_");
    }
}
