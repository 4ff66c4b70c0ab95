package dev.ferry.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's Ed25519 keys for bundles, as PEM files the JDK reads and writes alone: the private key as PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, readable by its owner only), the public key as SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}). OpenSSL makes the same files: {@code openssl genpkey -algorithm ed25519}.
 */
public final class SigningKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String ALGORITHM = "Ed25519";

    private SigningKeys() {}

    /** A private key and the file it came from. */
    public record SigningKey(PrivateKey key, Path file) {}

    /** A public key trusted to sign bundles, with its id and the file it came from. */
    public record TrustedKey(String id, PublicKey key, Path file) {}

    /**
     * Writes a new key pair to {@code prefix.key} and {@code prefix.pub}.
     *
     * @throws IOException when either file exists already (a key is never overwritten) or cannot be written
     */
    public static TrustedKey generate(Path prefix) throws IOException {
        Path privateFile = Path.of(prefix + ".key");
        Path publicFile = Path.of(prefix + ".pub");
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file + " exists already; a key is never overwritten");
            }
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no " + ALGORITHM, e);
        }
        Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new TrustedKey(idOf(pair.getPublic()), pair.getPublic(), publicFile);
    }

    /** Reads an Ed25519 private key; the message names the file and what is wrong with it. */
    public static SigningKey readPrivate(Path file) throws IOException {
        byte[] der = block(file, "PRIVATE KEY", "an Ed25519 private key (make one with `ferry bundle keygen`)");
        try {
            return new SigningKey(KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der)), file);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** Reads an Ed25519 public key; the message names the file and what is wrong with it. */
    public static TrustedKey readPublic(Path file) throws IOException {
        byte[] der = block(file, "PUBLIC KEY", "an Ed25519 public key (`ferry bundle keygen` writes one beside the private key)");
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            return new TrustedKey(idOf(key), key, file);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the public key's encoding: short, and the same in every tool. */
    public static String idOf(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] block(Path file, String type, String what) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        Matcher block = BLOCK.matcher(text);
        if (!block.find() || !block.group(1).equals(type)) {
            throw new IOException(file + " is not " + what + ": expected a PEM block -----BEGIN " + type + "-----");
        }
        try {
            return Base64.getMimeDecoder().decode(block.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the " + type + " block is not valid base64", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
