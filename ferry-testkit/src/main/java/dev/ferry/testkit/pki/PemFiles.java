package dev.ferry.testkit.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** PEM text in the forms OpenSSL writes, and writing it to files. */
final class PemFiles {

    /** Used by instance, never registered: the JDK lacks the padding name BouncyCastle's PKCS#8 encryptor asks for. */
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private PemFiles() {}

    static String certificates(List<X509Certificate> certificates) {
        return pem(writer -> {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        });
    }

    /** {@code -----BEGIN PRIVATE KEY-----}: unencrypted PKCS#8. */
    static String pkcs8(PrivateKey key) {
        return pem(writer -> writer.writeObject(generator(key, null)));
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PBES2 with AES-256-CBC and HMAC-SHA256, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}. */
    static String encryptedPkcs8(PrivateKey key, String password) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BOUNCY_CASTLE)
                    .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(2048)
                    .setPassword(password.toCharArray())
                    .build();
            return pem(writer -> writer.writeObject(generator(key, encryptor)));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot set up PKCS#8 encryption", e);
        }
    }

    /** {@code -----BEGIN EC PRIVATE KEY-----} or {@code -----BEGIN RSA PRIVATE KEY-----}: OpenSSL's traditional form. */
    static String traditional(PrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        try {
            if (key instanceof java.security.interfaces.ECPrivateKey ec) {
                // The JDK's PKCS#8 leaves the curve out of the inner SEC1 key (the algorithm identifier names it);
                // standing alone, as OpenSSL writes it, SEC1 must name it.
                org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), inner.getKey(),
                        inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
                return pem(writer -> writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded())));
            }
            byte[] pkcs1 = info.parsePrivateKey().toASN1Primitive().getEncoded();
            return pem(writer -> writer.writeObject(new PemObject("RSA PRIVATE KEY", pkcs1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PemObjectGenerator generator(PrivateKey key, OutputEncryptor encryptor) {
        try {
            return new JcaPKCS8Generator(key, encryptor);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode the key as PKCS#8", e);
        }
    }

    static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface PemWork {
        void writeTo(JcaPEMWriter writer) throws IOException;
    }

    private static String pem(PemWork work) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            work.writeTo(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
