package dev.ferry.sink.coap.internal;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite.CertificateKeyAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;

/**
 * The {@code tls:} keys that choose algorithms, as DTLS 1.2 in Scandium understands them: cipher suites by their IANA
 * names, groups by name (P-256 and prime256v1 meaning secp256r1). DTLS 1.2 is the only version spoken, so
 * {@code protocols} must allow TLSv1.2.
 */
public final class DtlsAlgorithms {

    private DtlsAlgorithms() {}

    /** What Scandium cannot honour, named with the key under {@code section}. */
    public static List<ConfigProblem> check(TlsConfig tls, String section) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!tls.protocols().contains("TLSv1.2")) {
            problems.add(new ConfigProblem(section + ".protocols", "CoAP over DTLS speaks DTLS 1.2, which TLSv1.2 stands"
                    + " for here; include TLSv1.2 or leave protocols out, was " + tls.protocols()));
        }
        for (String name : tls.cipherSuites()) {
            String weakness = TlsNames.weakness(name.strip());
            if (weakness != null) {
                problems.add(new ConfigProblem(section + ".cipher_suites", "the cipher suite " + name + " is refused: "
                        + weakness + "; name suites with CCM_8, CCM or GCM, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 or"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
            } else if (suite(name) == null) {
                problems.add(new ConfigProblem(section + ".cipher_suites", "unknown DTLS 1.2 cipher suite " + name
                        + "; use IANA names such as TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
            }
        }
        for (String name : tls.namedGroups()) {
            if (group(name) == null) {
                problems.add(new ConfigProblem(section + ".named_groups", "unknown group " + name
                        + "; use e.g. secp256r1, secp384r1 or x25519"));
            }
        }
        return problems;
    }

    /**
     * The suites to offer with certificates: the configured ones, else the recommended ones for a server certificate
     * of either kind. Scandium's own default follows the key of this side's certificate, so a sink with an EC
     * certificate offered nothing an RSA server could take (the suite's signature is the server's).
     */
    static List<CipherSuite> suitesOffered(TlsConfig tls) {
        if (!tls.cipherSuites().isEmpty()) {
            return tls.cipherSuites().stream().map(DtlsAlgorithms::suite).toList();
        }
        return CipherSuite.getCertificateCipherSuites(true, CertificateKeyAlgorithm.EC, CertificateKeyAlgorithm.RSA);
    }

    static List<SupportedGroup> groups(TlsConfig tls) {
        return tls.namedGroups().stream().map(DtlsAlgorithms::group).toList();
    }

    private static @Nullable CipherSuite suite(String name) {
        CipherSuite suite = CipherSuite.getTypeByName(name.strip().toUpperCase(Locale.ROOT));
        return suite == null || !suite.isValidForNegotiation() ? null : suite;
    }

    private static @Nullable SupportedGroup group(String name) {
        String plain = name.strip().toLowerCase(Locale.ROOT);
        String canonical = switch (plain) {
            case "p-256", "prime256v1" -> "secp256r1";
            case "p-384" -> "secp384r1";
            case "p-521" -> "secp521r1";
            default -> plain;
        };
        for (SupportedGroup group : SupportedGroup.values()) {
            if (group.name().equalsIgnoreCase(canonical)) {
                return group.isUsable() ? group : null;
            }
        }
        return null;
    }
}
