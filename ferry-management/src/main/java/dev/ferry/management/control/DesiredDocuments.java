package dev.ferry.management.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ferry.management.auth.internal.JdkEd25519Verifier;
import dev.ferry.management.auth.internal.KeyFileException;
import dev.ferry.management.auth.internal.VerificationKey;
import dev.ferry.management.auth.internal.VerificationKeyReader;
import dev.ferry.runtime.config.ConfigFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads desired documents: a compact JWS signed with Ed25519 ({@code EdDSA}) or EC P-256 ({@code ES256}) by one of
 * the trusted keys, whose claims carry the {@code version}, the complete {@code config} as text, its
 * {@code format} ({@code yaml}, {@code toml} or {@code json}; yaml when left out), an {@code exp} and this agent's id
 * in {@code aud}. Any other algorithm ({@code none}, an HMAC made with a public key as its secret, RSA) is refused
 * by name. Under {@code require_signed: false} a plain JSON object with the same fields is accepted as well.
 */
public final class DesiredDocuments {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519, JWSAlgorithm.ES256);

    private final List<VerificationKey> keys;
    private final boolean requireSigned;
    private final String agentId;
    private final Clock clock;

    private DesiredDocuments(List<VerificationKey> keys, boolean requireSigned, String agentId, Clock clock) {
        this.keys = List.copyOf(keys);
        this.requireSigned = requireSigned;
        this.agentId = agentId;
        this.clock = clock;
    }

    /**
     * @param keyFiles the trusted public keys, PEM
     * @throws IOException naming the file, when a key cannot be read
     */
    public static DesiredDocuments of(List<Path> keyFiles, boolean requireSigned, String agentId, Clock clock)
            throws IOException {
        List<VerificationKey> keys = new ArrayList<>();
        for (int i = 0; i < keyFiles.size(); i++) {
            try {
                keys.add(VerificationKeyReader.read("control.trusted_keys." + i, keyFiles.get(i)));
            } catch (KeyFileException e) {
                throw new IOException(e.configKey() + ": " + e.problem());
            }
        }
        return new DesiredDocuments(keys, requireSigned, agentId, clock);
    }

    /** The desired config a document carries, checked. */
    public DesiredConfig read(byte[] document) throws DocumentRefused {
        Claims claims = claimsOf(document, "a desired config");
        return fromClaims(claims.claims(), claims.signed());
    }

    /** The update a command carries, checked as a desired config is. */
    public DesiredUpdate readUpdate(byte[] document) throws DocumentRefused {
        Claims claims = claimsOf(document, "an update command");
        Map<String, Object> content = claims.claims();
        long version = versionOf(content);
        if (!(content.get("bundle") instanceof String bundle) || bundle.isBlank()) {
            throw new DocumentRefused("bundle must be the https:// URL of the bundle to install");
        }
        return new DesiredUpdate(version, bundle, Boolean.TRUE.equals(content.get("retry_rolled_back")),
                Boolean.TRUE.equals(content.get("stage")), claims.signed());
    }

    private record Claims(Map<String, Object> claims, boolean signed) {}

    /** The document's claims once its signature, expiry and audience passed; {@code what} names it in refusals. */
    private Claims claimsOf(byte[] document, String what) throws DocumentRefused {
        String text = new String(document, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            if (requireSigned) {
                throw new DocumentRefused("not signed: " + what + " must be a JWS signed by a key in"
                        + " control.trusted_keys (require_signed is on)");
            }
            try {
                return new Claims(JSONObjectUtils.parse(text), false);
            } catch (ParseException e) {
                throw new DocumentRefused("not a JSON object: " + e.getMessage());
            }
        }
        SignedJWT jws;
        try {
            jws = SignedJWT.parse(text);
        } catch (ParseException e) {
            throw new DocumentRefused("neither a JWS nor a JSON object: " + e.getMessage());
        }
        JWSAlgorithm algorithm = jws.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new DocumentRefused("signed with " + algorithm + "; only EdDSA and ES256 are accepted");
        }
        if (!verified(jws)) {
            throw new DocumentRefused("the signature is not that of any key in control.trusted_keys");
        }
        JWTClaimsSet claims;
        try {
            claims = jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new DocumentRefused("its claims are not a JSON object: " + e.getMessage());
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new DocumentRefused("it has no exp; " + what + " must say until when it may be applied");
        }
        if (!expires.toInstant().isAfter(now)) {
            throw new DocumentRefused("expired at " + expires.toInstant());
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            throw new DocumentRefused("not valid before " + claims.getNotBeforeTime().toInstant());
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(agentId)) {
            throw new DocumentRefused("meant for " + (claims.getAudience() == null ? "no agent (no aud)"
                    : String.join(", ", claims.getAudience())) + ", not for " + agentId);
        }
        return new Claims(claims.getClaims(), true);
    }

    private boolean verified(SignedJWT jws) {
        for (VerificationKey key : keys) {
            if (!key.algorithms().contains(jws.getHeader().getAlgorithm().getName())) {
                continue;
            }
            try {
                JWSVerifier verifier = key.key() instanceof ECPublicKey ec ? new ECDSAVerifier(ec)
                        : new JdkEd25519Verifier(key.key());
                if (jws.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // not this key
            }
        }
        return false;
    }

    private static long versionOf(Map<String, Object> claims) throws DocumentRefused {
        if (!(claims.get("version") instanceof Number version) || version.longValue() < 1
                || version.doubleValue() != version.longValue()) {
            throw new DocumentRefused("version must be a whole number from 1 up, was " + claims.get("version"));
        }
        return version.longValue();
    }

    private static DesiredConfig fromClaims(Map<String, Object> claims, boolean signed) throws DocumentRefused {
        long version = versionOf(claims);
        if (!(claims.get("config") instanceof String config) || config.isBlank()) {
            throw new DocumentRefused("config must be the complete config as text");
        }
        Object format = claims.getOrDefault("format", "yaml");
        ConfigFormat parsed = switch (String.valueOf(format).toLowerCase(Locale.ROOT)) {
            case "yaml", "yml", "json" -> ConfigFormat.YAML;
            case "toml" -> ConfigFormat.TOML;
            default -> throw new DocumentRefused("format must be yaml, toml or json, was " + format);
        };
        return new DesiredConfig(version, config, parsed, signed);
    }
}
