package dev.ferry.management.control;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a desired document as {@link DesiredDocuments} reads it: a compact JWS signed with an operator's Ed25519
 * ({@code EdDSA}) or EC P-256 ({@code ES256}) private key. Signed with the JDK's own algorithms, as verifying is,
 * so neither needs a crypto library beside the JDK.
 */
public final class DesiredDocumentSigner {

    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----",
            Pattern.DOTALL);
    private static final String MAKE_KEY = "openssl genpkey -algorithm ed25519 -out operator.key";

    private final PrivateKey key;

    private DesiredDocumentSigner(PrivateKey key) {
        this.key = key;
    }

    /**
     * @param keyFile a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), Ed25519 or EC P-256
     * @throws IOException naming the file and what is wrong with it
     */
    public static DesiredDocumentSigner withKey(Path keyFile) throws IOException {
        Matcher block;
        try {
            block = PKCS8.matcher(Files.readString(keyFile));
        } catch (NoSuchFileException e) {
            throw new IOException(keyFile + ": no such file", e);
        }
        if (!block.find()) {
            throw new IOException(keyFile + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); make one"
                    + " with: " + MAKE_KEY);
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(1).strip());
        for (String algorithm : List.of("Ed25519", "EC")) {
            PrivateKey key;
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                continue;   // try the next kind
            }
            if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IOException(keyFile + " is an EC key on another curve than P-256, which ES256 needs");
            }
            return new DesiredDocumentSigner(key);
        }
        throw new IOException(keyFile + " holds neither an Ed25519 nor an EC P-256 private key; make one with: "
                + MAKE_KEY);
    }

    /**
     * The document for {@code agentId} carrying {@code config} as {@code version}.
     *
     * @param format {@code yaml}, {@code toml} or {@code json}
     * @param expires until when the agent may apply it
     */
    public String sign(long version, String config, String format, String agentId, Instant issued, Instant expires)
            throws IOException {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("version", version);
        claims.put("format", format);
        claims.put("config", config);
        return sign(claims, agentId, issued, expires);
    }

    /**
     * The update command for {@code agentId}: install the bundle at {@code bundle} ({@link DesiredUpdate}).
     *
     * @param version higher than any command sent to this agent before
     * @param stage only install it; SIGUSR2 switches to it later
     */
    public String signUpdate(long version, String bundle, boolean retryRolledBack, boolean stage, String agentId,
            Instant issued, Instant expires) throws IOException {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("version", version);
        claims.put("bundle", bundle);
        claims.put("retry_rolled_back", retryRolledBack);
        claims.put("stage", stage);
        return sign(claims, agentId, issued, expires);
    }

    private String sign(Map<String, Object> content, String agentId, Instant issued, Instant expires) throws IOException {
        boolean ec = key instanceof ECPrivateKey;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", ec ? "ES256" : "EdDSA");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", agentId);
        claims.putAll(content);
        claims.put("iat", issued.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        String signingInput = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims));
        try {
            Signature signature = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "Ed25519");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign with this key: " + e.getMessage(), e);
        }
    }
}
