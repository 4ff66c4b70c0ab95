package dev.ferry.tls.internal;

import java.util.List;

/**
 * Wraps OpenSSL's traditional key formats in PKCS#8, which the JDK reads: an EC key (SEC1, RFC 5915) names its
 * curve inside, which PKCS#8 wants in the algorithm identifier; an RSA key (PKCS#1) needs only the wrapper.
 */
final class TraditionalKeys {

    private static final int EXPLICIT_0 = 0xa0;
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[] {0});

    private TraditionalKeys() {}

    /** {@code -----BEGIN EC PRIVATE KEY-----} content to PKCS#8. */
    static byte[] sec1ToPkcs8(byte[] sec1) {
        byte[] curve = null;
        for (Der.Element part : Der.parse(sec1).children()) {
            if (part.tag() == EXPLICIT_0 && !part.children().isEmpty()) {
                curve = part.children().getFirst().encoded();
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("the EC key does not name its curve");
        }
        byte[] algorithm = Der.sequence(Der.encode(Der.OID, Der.oid(KeyAlgorithms.EC_OID)), curve);
        return Der.sequence(VERSION_0, algorithm, Der.encode(Der.OCTET_STRING, sec1));
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} content to PKCS#8. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        List<Der.Element> fields = Der.parse(pkcs1).children();
        if (fields.size() < 9) {
            throw new IllegalArgumentException("not a PKCS#1 RSA private key");
        }
        byte[] algorithm = Der.sequence(Der.encode(Der.OID, Der.oid(KeyAlgorithms.RSA_OID)), Der.encode(Der.NULL, new byte[0]));
        return Der.sequence(VERSION_0, algorithm, Der.encode(Der.OCTET_STRING, pkcs1));
    }
}
