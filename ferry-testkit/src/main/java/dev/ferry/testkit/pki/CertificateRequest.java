package dev.ferry.testkit.pki;

import dev.ferry.api.Nullable;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;

/** A server or client certificate being described; {@link #issue()} makes it and writes its files. */
public final class CertificateRequest {

    private final TestPki ca;
    private final String commonName;
    private final CertificateSigner.Role role;
    private final List<GeneralName> names = new ArrayList<>();
    private KeyType keyType = KeyType.EC;
    private Instant notBefore;
    private Instant notAfter;
    private @Nullable String fileName;

    CertificateRequest(TestPki ca, String commonName, CertificateSigner.Role role) {
        this.ca = ca;
        this.commonName = commonName;
        this.role = role;
        this.notBefore = ca.now().minus(Duration.ofHours(1));
        this.notAfter = ca.now().plus(Duration.ofDays(365));
    }

    /** An EC P-256 key (the default). */
    public CertificateRequest ec() {
        keyType = KeyType.EC;
        return this;
    }

    /** An RSA 2048 key. */
    public CertificateRequest rsa() {
        keyType = KeyType.RSA;
        return this;
    }

    public CertificateRequest dns(String... hostNames) {
        for (String name : hostNames) {
            names.add(new GeneralName(GeneralName.dNSName, name));
        }
        return this;
    }

    public CertificateRequest ip(String... addresses) {
        for (String address : addresses) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return this;
    }

    public CertificateRequest uri(String... uris) {
        for (String uri : uris) {
            names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        }
        return this;
    }

    /** A URI name {@code urn:tenant:<tenant>}, how a device certificate says which tenant it belongs to. */
    public CertificateRequest tenant(String tenant) {
        return uri("urn:tenant:" + tenant);
    }

    /** Valid for the 30 days that ended yesterday. */
    public CertificateRequest expired() {
        notBefore = ca.now().minus(Duration.ofDays(31));
        notAfter = ca.now().minus(Duration.ofDays(1));
        return this;
    }

    /** Valid from tomorrow on, for a year. */
    public CertificateRequest notYetValid() {
        notBefore = ca.now().plus(Duration.ofDays(1));
        notAfter = ca.now().plus(Duration.ofDays(366));
        return this;
    }

    /** Valid from an hour ago until {@code left} from now. */
    public CertificateRequest expiresIn(Duration left) {
        notAfter = ca.now().plus(left);
        return this;
    }

    public CertificateRequest validBetween(Instant from, Instant until) {
        notBefore = from;
        notAfter = until;
        return this;
    }

    /** The base of the files' names, instead of one made from the common name. */
    public CertificateRequest fileName(String name) {
        fileName = name;
        return this;
    }

    public Issued issue() {
        KeyPair keys = keyType.generate();
        return ca.issue(new CertificateSigner.Spec(TestPki.subject(commonName), keys.getPublic(), role, notBefore, notAfter,
                List.copyOf(names)), keys, commonName, fileName);
    }
}
