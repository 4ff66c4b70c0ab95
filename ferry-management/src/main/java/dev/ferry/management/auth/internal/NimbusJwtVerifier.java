package dev.ferry.management.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link JwtVerifier} on nimbus-jose-jwt. Each key verifies only the algorithms of its own type, so a token's
 * {@code alg} header can never make a key be used in another way (an RSA key's bytes as an HMAC secret).
 */
final class NimbusJwtVerifier implements JwtVerifier {

    private final Map<JWSAlgorithm, List<JWSVerifier>> verifiersByAlgorithm;
    private final ClaimsRules rules;

    private NimbusJwtVerifier(Map<JWSAlgorithm, List<JWSVerifier>> verifiersByAlgorithm, ClaimsRules rules) {
        this.verifiersByAlgorithm = verifiersByAlgorithm;
        this.rules = rules;
    }

    static NimbusJwtVerifier of(List<VerificationKey> keys, ClaimsRules rules) throws KeyFileException {
        Map<JWSAlgorithm, List<JWSVerifier>> byAlgorithm = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            VerificationKey key = keys.get(i);
            JWSVerifier verifier = verifierFor(key.key(), JwtVerifiers.keyName(i), key);
            for (String algorithm : key.algorithms()) {
                byAlgorithm.computeIfAbsent(JWSAlgorithm.parse(algorithm), a -> new ArrayList<>()).add(verifier);
            }
        }
        byAlgorithm.replaceAll((algorithm, verifiers) -> List.copyOf(verifiers));
        return new NimbusJwtVerifier(Map.copyOf(byAlgorithm), rules);
    }

    private static JWSVerifier verifierFor(PublicKey key, String configKey, VerificationKey source) throws KeyFileException {
        try {
            return switch (key) {
                case ECPublicKey ec -> new ECDSAVerifier(ec);
                case RSAPublicKey rsa -> new RSASSAVerifier(rsa);
                default -> new JdkEd25519Verifier(key);
            };
        } catch (JOSEException e) {
            throw new KeyFileException(configKey, "the key in " + source.file() + " cannot verify tokens: " + e.getMessage());
        }
    }

    @Override
    public Verification verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            // The parser's message may quote the token's parts, so it is not passed on.
            return Verification.refused(RefusalReason.MALFORMED_TOKEN, "the token is not a well-formed JWT");
        }
        return switch (jwt) {
            case SignedJWT signed -> verifySigned(signed);
            case PlainJWT plain -> Verification.refused(RefusalReason.UNSIGNED_TOKEN,
                    "the token is unsigned (alg none), which is never accepted");
            default -> Verification.refused(RefusalReason.MALFORMED_TOKEN,
                    "the token is encrypted (JWE); only signed tokens are accepted");
        };
    }

    private Verification verifySigned(SignedJWT signed) {
        JWSHeader header = signed.getHeader();
        List<JWSVerifier> candidates = verifiersByAlgorithm.get(header.getAlgorithm());
        if (candidates == null) {
            return Verification.refused(RefusalReason.ALGORITHM_NOT_ACCEPTED, "the token is signed with "
                    + Printable.quote(header.getAlgorithm().getName()) + "; the configured keys accept "
                    + verifiersByAlgorithm.keySet().stream().map(JWSAlgorithm::getName).sorted().toList());
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return Verification.refused(RefusalReason.MALFORMED_TOKEN,
                    "the token has critical header parameters (crit), none of which is understood here");
        }
        if (!signedByAny(signed, candidates)) {
            return Verification.refused(RefusalReason.BAD_SIGNATURE,
                    "the token's signature does not verify with any key in jwt.keys");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return Verification.refused(RefusalReason.MALFORMED_TOKEN, "the token's claims are not a valid JSON object");
        }
        return rules.check(claims);
    }

    private static boolean signedByAny(SignedJWT signed, List<JWSVerifier> candidates) {
        for (JWSVerifier verifier : candidates) {
            try {
                if (signed.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // A signature this key cannot even check (wrong length or encoding) is one it did not make.
            }
        }
        return false;
    }
}
