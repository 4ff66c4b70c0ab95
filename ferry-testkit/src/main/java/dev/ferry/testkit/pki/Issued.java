package dev.ferry.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its key, written as {@code <name>.crt} (the certificate, then any intermediate CAs) and
 * {@code <name>.key} (unencrypted PKCS#8). The other forms are written when asked for.
 */
public final class Issued {

    private final Path dir;
    private final String name;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final Path certFile;
    private final Path keyFile;

    Issued(Path dir, String name, List<X509Certificate> chain, PrivateKey key) {
        this.dir = dir;
        this.name = name;
        this.chain = List.copyOf(chain);
        this.key = key;
        this.certFile = PemFiles.write(dir.resolve(name + ".crt"), certPem());
        this.keyFile = PemFiles.write(dir.resolve(name + ".key"), keyPem());
    }

    /** The base of the file names. */
    public String name() {
        return name;
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The certificate, then the intermediate CAs up to (not including) the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return key;
    }

    /** PEM: the certificate, then the intermediate CAs. */
    public Path certFile() {
        return certFile;
    }

    /** PEM, {@code BEGIN PRIVATE KEY}. */
    public Path keyFile() {
        return keyFile;
    }

    public String certPem() {
        return PemFiles.certificates(chain);
    }

    public String keyPem() {
        return PemFiles.pkcs8(key);
    }

    /** {@code BEGIN ENCRYPTED PRIVATE KEY}, PBES2 with AES-256-CBC, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}. */
    public String encryptedKeyPem(String password) {
        return PemFiles.encryptedPkcs8(key, password);
    }

    /** Writes {@link #encryptedKeyPem} to {@code <name>.encrypted.key}. */
    public Path encryptedKeyFile(String password) {
        return PemFiles.write(dir.resolve(name + ".encrypted.key"), encryptedKeyPem(password));
    }

    /** OpenSSL's traditional form: {@code BEGIN EC PRIVATE KEY} or {@code BEGIN RSA PRIVATE KEY}. */
    public String traditionalKeyPem() {
        return PemFiles.traditional(key);
    }

    /** Writes {@link #traditionalKeyPem} to {@code <name>.traditional.key}. */
    public Path traditionalKeyFile() {
        return PemFiles.write(dir.resolve(name + ".traditional.key"), traditionalKeyPem());
    }

    /** A PKCS#12 file holding the key and chain under the alias {@link #name()}, locked with the password. */
    public byte[] p12(String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write PKCS#12 for " + name, e);
        }
    }

    /** Writes {@link #p12} to {@code <name>.p12}. */
    public Path p12File(String password) {
        return PemFiles.write(dir.resolve(name + ".p12"), p12(password));
    }

    @Override
    public String toString() {
        return "Issued[" + name + ", " + certificate().getSubjectX500Principal().getName() + "]";
    }
}
