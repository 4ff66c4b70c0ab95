package dev.ferry.management.auth.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a token-signing public key from a PEM file with the JDK alone, so that {@code ferry check} and a config
 * without JWTs never load the JWT library.
 */
public final class VerificationKeyReader {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final int MIN_RSA_BITS = 2048;
    private static final String TO_PUBLIC = "openssl pkey -in KEY.pem -pubout -out PUBLIC.pem";

    private VerificationKeyReader() {}

    /** @param configKey where the file is named, e.g. {@code jwt.keys.0}, for the exception */
    public static VerificationKey read(String configKey, Path file) throws KeyFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(configKey, "no such file: " + file);
        } catch (IOException e) {
            throw new KeyFileException(configKey, "cannot read " + file + ": " + e.getMessage());
        }
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            throw new KeyFileException(configKey, file + " is not PEM (no complete \"-----BEGIN\" ... \"-----END\" block)");
        }
        PublicKey key = publicKeyOf(block.group(1), block.group(2), configKey, file);
        return new VerificationKey(file, key, algorithmsFor(key, configKey, file));
    }

    private static PublicKey publicKeyOf(String type, String body, String configKey, Path file) throws KeyFileException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(configKey, "the " + type + " block in " + file + " is not valid base64");
        }
        try {
            return switch (type) {
                case "PUBLIC KEY" -> decodePublicKey(der);
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                default -> throw new KeyFileException(configKey, file + " holds a " + type + ", not a public key or"
                        + " certificate" + (type.endsWith("PRIVATE KEY") ? "; keep the private key with the issuer and"
                        + " give its public key: " + TO_PUBLIC : ""));
            };
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(configKey, "cannot read the " + type + " in " + file + ": " + e.getMessage());
        }
    }

    // A SubjectPublicKeyInfo names its algorithm inside; the JDK's key factories each refuse the others' keys.
    private static PublicKey decodePublicKey(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"EC", "RSA", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not an EC, RSA or Ed25519 public key", last);
    }

    // The JDK reads only the NIST curves (secp256k1 and the like were removed in JDK 16), so 256 bits means P-256.
    private static List<String> algorithmsFor(PublicKey key, String configKey, Path file) throws KeyFileException {
        return switch (key) {
            case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() == 256 -> List.of("ES256");
            case ECPublicKey ec -> throw new KeyFileException(configKey, "the EC key in " + file + " is on a "
                    + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve; use a P-256 key (ES256)");
            case RSAPublicKey rsa when rsa.getModulus().bitLength() >= MIN_RSA_BITS -> List.of("RS256");
            case RSAPublicKey rsa -> throw new KeyFileException(configKey, "the RSA key in " + file + " has "
                    + rsa.getModulus().bitLength() + " bits; use " + MIN_RSA_BITS + " or more");
            case EdECPublicKey ed when ed.getParams().getName().equals("Ed25519") -> List.of("EdDSA", "Ed25519");
            default -> throw new KeyFileException(configKey, "the " + key.getAlgorithm() + " key in " + file
                    + " cannot sign tokens here; use an EC P-256, RSA or Ed25519 key");
        };
    }
}
