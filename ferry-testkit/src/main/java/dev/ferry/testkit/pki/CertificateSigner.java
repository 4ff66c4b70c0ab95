package dev.ferry.testkit.pki;

import dev.ferry.api.Nullable;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs certificates with a CA's key; the JDK's providers do the cryptography, BouncyCastle only the encoding. */
final class CertificateSigner {

    /** What a certificate is for. */
    enum Role { CA, SERVER, CLIENT }

    /** One certificate to make. */
    record Spec(String subject, PublicKey key, Role role, Instant notBefore, Instant notAfter, List<GeneralName> alternativeNames) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateSigner() {}

    /**
     * @param issuer the issuing CA's certificate, or null for a self-signed root
     * @param issuerKeys the issuing CA's key pair (the subject's own for a root)
     */
    static X509Certificate sign(Spec spec, @Nullable X509Certificate issuer, KeyPair issuerKeys, KeyType issuerKeyType) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name subject = new X500Name(spec.subject());
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), subject, spec.key());
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(spec.key()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            switch (spec.role()) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER, CLIENT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    int usage = KeyUsage.digitalSignature | ("RSA".equals(spec.key().getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            spec.role() == Role.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
                }
            }
            if (!spec.alternativeNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(spec.alternativeNames().toArray(GeneralName[]::new)));
            }
            var signer = new JcaContentSignerBuilder(issuerKeyType.signatureAlgorithm()).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | CertificateException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot make the certificate " + spec.subject(), e);
        }
    }
}
