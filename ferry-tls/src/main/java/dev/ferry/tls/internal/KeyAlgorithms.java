package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import java.util.List;
import java.util.Map;

/** The key algorithms a PKCS#8 key may hold and TLS can sign with, by their object identifier. */
final class KeyAlgorithms {

    static final String RSA_OID = "1.2.840.113549.1.1.1";
    static final String EC_OID = "1.2.840.10045.2.1";

    private static final Map<String, String> BY_OID = Map.of(
            RSA_OID, "RSA",
            EC_OID, "EC",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    static final String ACCEPTED = "EC (P-256, P-384, P-521), RSA, RSASSA-PSS, Ed25519 or Ed448";

    private KeyAlgorithms() {}

    /** The JDK {@code KeyFactory} name for the algorithm of a PKCS#8 {@code PrivateKeyInfo}; null when TLS cannot use it. */
    static @Nullable String ofPkcs8(byte[] pkcs8) {
        return BY_OID.get(oidOfPkcs8(pkcs8));
    }

    /** The algorithm OID of a PKCS#8 {@code PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, key }}. */
    static String oidOfPkcs8(byte[] pkcs8) {
        List<Der.Element> info = Der.parse(pkcs8).children();
        if (info.size() < 3 || info.get(1).tag() != Der.SEQUENCE) {
            throw new IllegalArgumentException("not a PKCS#8 private key");
        }
        List<Der.Element> algorithm = info.get(1).children();
        if (algorithm.isEmpty() || algorithm.getFirst().tag() != Der.OID) {
            throw new IllegalArgumentException("not a PKCS#8 private key");
        }
        return Der.oidText(algorithm.getFirst().content());
    }
}
