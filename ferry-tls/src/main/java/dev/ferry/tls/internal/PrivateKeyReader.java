package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfigException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Turns a PEM private key block into a {@link PrivateKey} with the JDK alone: PKCS#8, encrypted PKCS#8 (PBES2, as
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it) and the unencrypted traditional EC and RSA formats.
 */
final class PrivateKeyReader {

    private static final String CONVERT = "openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.key -out NEW.key";

    private PrivateKeyReader() {}

    static PrivateKey read(PemBlock block, WatchedFile file, char @Nullable [] password) throws TlsConfigException {
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "ENCRYPTED PRIVATE KEY" -> decrypt(block.der(), file, password);
            case "EC PRIVATE KEY", "RSA PRIVATE KEY" -> unwrapTraditional(block, file);
            default -> throw new TlsConfigException(file.key(), file.path() + " holds a " + block.type()
                    + ", which Ferry cannot use; convert it to PKCS#8 with: " + CONVERT);
        };
        return decode(pkcs8, file);
    }

    private static byte[] unwrapTraditional(PemBlock block, WatchedFile file) throws TlsConfigException {
        if (block.headers().containsKey("Proc-Type") || block.headers().containsKey("DEK-Info")) {
            // The legacy OpenSSL encryption (MD5 key derivation) is weak, and the JDK has no reader for it.
            throw new TlsConfigException(file.key(), file.path() + " is encrypted the legacy OpenSSL way, which Ferry"
                    + " does not read; convert it to encrypted PKCS#8 with: " + CONVERT);
        }
        try {
            return block.type().startsWith("EC")
                    ? TraditionalKeys.sec1ToPkcs8(block.der())
                    : TraditionalKeys.pkcs1ToPkcs8(block.der());
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException(file.key(), "cannot read the " + block.type() + " in " + file.path() + ": "
                    + e.getMessage() + "; convert it to PKCS#8 with: " + CONVERT);
        }
    }

    private static byte[] decrypt(byte[] der, WatchedFile file, char @Nullable [] password) throws TlsConfigException {
        if (password == null) {
            throw new TlsConfigException(file.key(), file.path() + " is encrypted; set `password` (e.g. password: ${KEY_PASSWORD})");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            throw new TlsConfigException(file.key(), "cannot read the ENCRYPTED PRIVATE KEY in " + file.path() + ": " + e.getMessage());
        }
        String algorithm = info.getAlgName();
        Cipher cipher;
        SecretKey secret;
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            PBEKeySpec spec = new PBEKeySpec(password);
            secret = factory.generateSecret(spec);
            spec.clearPassword();
            cipher = Cipher.getInstance(algorithm);
        } catch (NoSuchAlgorithmException | javax.crypto.NoSuchPaddingException e) {
            throw new TlsConfigException(file.key(), file.path() + " is encrypted with " + algorithm + ", which this JDK"
                    + " cannot decrypt; re-encrypt it with: " + CONVERT);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file.key(), "cannot decrypt " + file.path() + ": " + e.getMessage());
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
            byte[] plain = info.getKeySpec(cipher).getEncoded();
            KeyAlgorithms.oidOfPkcs8(plain); // garbage from a wrong password that happened to unpad is caught here
            return plain;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsConfigException(file.key(), "cannot decrypt " + file.path() + ": wrong password?");
        }
    }

    private static PrivateKey decode(byte[] pkcs8, WatchedFile file) throws TlsConfigException {
        String algorithm;
        try {
            algorithm = KeyAlgorithms.ofPkcs8(pkcs8);
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException(file.key(), "cannot read the private key in " + file.path() + ": " + e.getMessage());
        }
        if (algorithm == null) {
            throw new TlsConfigException(file.key(), "the private key in " + file.path() + " is of a type TLS cannot use"
                    + " (algorithm " + KeyAlgorithms.oidOfPkcs8(pkcs8) + "); use an " + KeyAlgorithms.ACCEPTED + " key");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file.key(), "cannot read the " + algorithm + " private key in " + file.path()
                    + ": " + e.getMessage());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
