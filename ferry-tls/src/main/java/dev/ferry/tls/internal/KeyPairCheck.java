package dev.ferry.tls.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;

/**
 * Whether a private key belongs to a certificate's public key. The JDK cannot derive every public key from its
 * private key, so the check signs a fixed message and verifies it; an RSA pair is compared by modulus, faster.
 */
final class KeyPairCheck {

    private static final byte[] MESSAGE = "does this key belong to that certificate?".getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAKey rsaPrivate && publicKey instanceof RSAKey rsaPublic) {
            return rsaPrivate.getModulus().equals(rsaPublic.getModulus());
        }
        if (!sameFamily(privateKey.getAlgorithm(), publicKey.getAlgorithm())) {
            return false;
        }
        try {
            Signature signer = signature(privateKey.getAlgorithm());
            signer.initSign(privateKey);
            signer.update(MESSAGE);
            byte[] signed = signer.sign();
            Signature verifier = signature(privateKey.getAlgorithm());
            verifier.initVerify(publicKey);
            verifier.update(MESSAGE);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean sameFamily(String a, String b) {
        return a.equals(b) || (a.startsWith("Ed") || a.equals("EdDSA")) && (b.startsWith("Ed") || b.equals("EdDSA"));
    }

    private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
        return switch (keyAlgorithm) {
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            default -> Signature.getInstance(keyAlgorithm); // EdDSA, Ed25519, Ed448; RSA keys never get here
        };
    }
}
