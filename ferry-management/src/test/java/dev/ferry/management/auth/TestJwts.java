package dev.ferry.management.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;

/** Compact JWTs for tests: signed by the library, or by the JDK where the library would need Tink. */
public final class TestJwts {

    private TestJwts() {}

    public static String es256(KeyPair pair, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.ES256, signer(() -> new ECDSASigner((ECPrivateKey) pair.getPrivate())), claims);
    }

    public static String rs256(KeyPair pair, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, new RSASSASigner(pair.getPrivate()), claims);
    }

    /** HS256 with {@code secret} as the HMAC key, e.g. a public key's encoded bytes. */
    public static String hs256(byte[] secret, JWTClaimsSet claims) {
        return sign(JWSAlgorithm.HS256, signer(() -> new MACSigner(secret)), claims);
    }

    /** Ed25519 signed by the JDK over the JWS signing input, with {@code alg} {@code EdDSA} or {@code Ed25519}. */
    public static String ed25519(KeyPair pair, String alg, JWTClaimsSet claims) {
        String signingInput = encode("{\"alg\":\"" + alg + "\"}") + "." + claims.toPayload().toBase64URL();
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWT written by hand: header {@code {"alg":"none"}}, the claims, an empty signature. */
    public static String unsigned(JWTClaimsSet claims) {
        return encode("{\"alg\":\"none\"}") + "." + claims.toPayload().toBase64URL() + ".";
    }

    public static String encode(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static JWSSigner signer(SignerFactory factory) {
        try {
            return factory.create();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SignerFactory {
        JWSSigner create() throws JOSEException;
    }
}
