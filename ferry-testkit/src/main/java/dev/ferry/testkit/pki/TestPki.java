package dev.ferry.testkit.pki;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A certificate authority for tests, writing PEM and PKCS#12 files that both the JDK and OpenSSL (Mosquitto) read.
 * Keys are real and fresh; EC P-256 by default, because RSA keys take a while to generate: make one PKI per test
 * class, not per test.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(dir);
 * Issued server = pki.server("localhost");                      // DNS localhost, IP 127.0.0.1 and ::1
 * Issued client = pki.client("gw-01").rsa().tenant("acme").issue();
 * Issued late = pki.client("gw-02").expired().issue();
 * TestPki other = TestPki.create(dir, "Other CA", KeyType.EC); // an unrelated CA
 * }</pre>
 *
 * Files land in the directory: {@code <name>.crt} (certificate, then intermediates), {@code <name>.key} (PKCS#8),
 * and on request {@code <name>.traditional.key}, {@code <name>.encrypted.key}, {@code <name>.p12}; the CA's own
 * certificate is {@link #caFile()}.
 */
public final class TestPki {

    private static final String ORGANISATION = "O=Ferry Test, CN=";

    private final Path dir;
    private final Clock clock;
    private final KeyType keyType;
    private final KeyPair keys;
    private final X509Certificate certificate;
    /** This CA's certificate and the intermediates above it, not the root: what a leaf's chain file carries after it. */
    private final List<X509Certificate> intermediates;
    private final X509Certificate root;
    private final Path caFile;

    private TestPki(Path dir, Clock clock, KeyType keyType, KeyPair keys, X509Certificate certificate,
            List<X509Certificate> intermediates, X509Certificate root, String rootName) {
        this.dir = dir;
        this.clock = clock;
        this.keyType = keyType;
        this.keys = keys;
        this.certificate = certificate;
        this.intermediates = List.copyOf(intermediates);
        this.root = root;
        this.caFile = PemFiles.write(dir.resolve(fileName(rootName) + ".ca.crt"), PemFiles.certificates(List.of(root)));
    }

    /** An EC root CA called "Ferry Test CA", valid from an hour ago for ten years. */
    public static TestPki create(Path dir) {
        return create(dir, "Ferry Test CA", KeyType.EC);
    }

    public static TestPki create(Path dir, String caName, KeyType keyType) {
        return create(dir, caName, keyType, Clock.systemUTC());
    }

    /**
     * @param dir where the files go; made when missing
     * @param clock the time certificates are valid from; the JDK checks them against the real time
     */
    public static TestPki create(Path dir, String caName, KeyType keyType, Clock clock) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeyPair keys = keyType.generate();
        Instant now = clock.instant();
        X509Certificate root = CertificateSigner.sign(new CertificateSigner.Spec(ORGANISATION + caName, keys.getPublic(),
                CertificateSigner.Role.CA, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), List.of()),
                null, keys, keyType);
        return new TestPki(dir, clock, keyType, keys, root, List.of(), root, caName);
    }

    /** A CA signed by this one; its leaves' chain files carry it, and {@link #caFile()} stays this PKI's root. */
    public TestPki intermediate(String name) {
        KeyPair subKeys = KeyType.EC.generate();
        Instant now = clock.instant();
        X509Certificate sub = CertificateSigner.sign(new CertificateSigner.Spec(ORGANISATION + name, subKeys.getPublic(),
                CertificateSigner.Role.CA, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3000)), List.of()),
                certificate, keys, keyType);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(sub);
        chain.addAll(intermediates);
        return new TestPki(dir, clock, KeyType.EC, subKeys, sub, chain, root, rootName());
    }

    public Path dir() {
        return dir;
    }

    /** The root CA's certificate, the one to trust. */
    public X509Certificate caCertificate() {
        return root;
    }

    /** The root CA's certificate as a PEM file: a CA bundle for {@code tls.ca} or Mosquitto's {@code cafile}. */
    public Path caFile() {
        return caFile;
    }

    public String caPem() {
        return PemFiles.certificates(List.of(root));
    }

    /**
     * An EC server certificate for a host name, valid for a year. {@code localhost} also names 127.0.0.1 and ::1,
     * so a test may connect by address.
     */
    public Issued server(String hostName) {
        CertificateRequest request = serverCertificate(hostName).dns(hostName);
        if (hostName.equals("localhost")) {
            request.ip("127.0.0.1", "::1");
        }
        return request.issue();
    }

    /** A server certificate to describe further; it has no names until {@link CertificateRequest#dns} or {@code ip}. */
    public CertificateRequest serverCertificate(String commonName) {
        return new CertificateRequest(this, commonName, CertificateSigner.Role.SERVER);
    }

    /** A client certificate to describe further; EC and valid for a year unless told otherwise. */
    public CertificateRequest client(String commonName) {
        return new CertificateRequest(this, commonName, CertificateSigner.Role.CLIENT);
    }

    Instant now() {
        return clock.instant();
    }

    static String subject(String commonName) {
        return ORGANISATION + commonName;
    }

    /**
     * Signs a leaf and writes its files.
     *
     * @param baseName the file name to use, or null to derive one from the common name; a name already taken in the
     *     directory gets a number appended
     */
    Issued issue(CertificateSigner.Spec spec, KeyPair subjectKeys, String commonName, @Nullable String baseName) {
        X509Certificate leaf = CertificateSigner.sign(spec, certificate, keys, keyType);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(intermediates);
        return new Issued(dir, unusedName(baseName != null ? baseName : fileName(commonName)), chain, subjectKeys.getPrivate());
    }

    /** Several PKIs may share a directory, so a name is free when no file has it yet. */
    private synchronized String unusedName(String wanted) {
        String name = wanted;
        for (int n = 2; Files.exists(dir.resolve(name + ".crt")); n++) {
            name = wanted + "-" + n;
        }
        return name;
    }

    private String rootName() {
        String dn = root.getSubjectX500Principal().getName(); // RFC 2253: "CN=name,O=Ferry Test"
        return dn.substring(3, dn.indexOf(','));
    }

    private static String fileName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    }
}
