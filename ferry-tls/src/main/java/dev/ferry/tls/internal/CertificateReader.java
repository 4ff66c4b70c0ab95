package dev.ferry.tls.internal;

import dev.ferry.tls.TlsConfigException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the certificates of a PEM file, in file order. */
final class CertificateReader {

    private CertificateReader() {}

    /** The PEM blocks of a file, refusing one that is not PEM with the way to convert it. */
    static List<PemBlock> blocks(byte[] content, WatchedFile file) throws TlsConfigException {
        try {
            return Pem.parse(content);
        } catch (IllegalArgumentException e) {
            String hint = Pem.looksLikePem(content) ? "" : "; a binary (DER) certificate converts with:"
                    + " openssl x509 -inform der -in FILE.der -out FILE.pem";
            throw new TlsConfigException(file.key(), "cannot read " + file.path() + ": " + e.getMessage() + hint);
        }
    }

    /** Every certificate in the blocks; refuses a file with none, saying what it holds instead. */
    static List<X509Certificate> certificates(List<PemBlock> blocks, WatchedFile file) throws TlsConfigException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (PemBlock block : blocks) {
            if (block.isCertificate()) {
                certificates.add(decode(block, file, certificates.size() + 1));
            } else {
                others.add(block.type());
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigException(file.key(), file.path() + " holds no certificate (found: " + String.join(", ", others) + ")");
        }
        return List.copyOf(certificates);
    }

    private static X509Certificate decode(PemBlock block, WatchedFile file, int ordinal) throws TlsConfigException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (CertificateException e) {
            throw new TlsConfigException(file.key(), "certificate " + ordinal + " in " + file.path() + " is damaged: " + e.getMessage());
        }
    }
}
