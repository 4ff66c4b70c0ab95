package dev.ferry.tls.internal;

import java.util.Map;

/**
 * One {@code -----BEGIN type----- ... -----END type-----} block of a PEM file.
 *
 * @param headers RFC 1421 headers such as {@code Proc-Type: 4,ENCRYPTED}, present only in traditional encrypted keys
 */
record PemBlock(String type, Map<String, String> headers, byte[] der) {

    boolean isPrivateKey() {
        return type.endsWith("PRIVATE KEY");
    }

    boolean isCertificate() {
        return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE") || type.equals("TRUSTED CERTIFICATE");
    }
}
