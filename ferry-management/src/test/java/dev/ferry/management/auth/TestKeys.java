package dev.ferry.management.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key pairs made by the JDK for a test, and their PEM files. */
public final class TestKeys {

    private TestKeys() {}

    public static KeyPair ecP256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"), 0);
    }

    public static KeyPair ecP384() {
        return generate("EC", new ECGenParameterSpec("secp384r1"), 0);
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", null, bits);
    }

    public static KeyPair ed25519() {
        return generate("Ed25519", null, 0);
    }

    /** Writes {@code key} as a PEM block of {@code type} ({@code PUBLIC KEY}, {@code PRIVATE KEY}) to {@code file}. */
    public static Path writePem(Path file, String type, Key key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        try {
            return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writePublicKey(Path dir, String name, KeyPair pair) {
        return writePem(dir.resolve(name), "PUBLIC KEY", pair.getPublic());
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
