package dev.ferry.source.opcua.internal;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertificateEncodingException;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.util.validation.CertificateValidationUtil;
import org.eclipse.milo.opcua.stack.core.util.validation.ValidationCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a server certificate is trusted: it must chain to a certificate in the {@code trusted}
 * directory (read at every check, so moving a file there takes effect at the next connection attempt) or in the
 * configured {@code trusted_certs}, and be valid. A refused certificate is saved to {@code rejected}, and the
 * refusal's message says how to trust it. No file watcher and no thread: checks happen once per secure channel.
 */
final class TrustList implements CertificateValidator {

    private static final Logger log = LoggerFactory.getLogger(TrustList.class);

    private final Path trustedDir;
    private final Path rejectedDir;
    private final List<X509Certificate> configured;
    private final boolean trustAll;
    private volatile @Nullable String lastRefusal;

    TrustList(Path trustedDir, Path rejectedDir, List<X509Certificate> configured, boolean trustAll) {
        this.trustedDir = trustedDir;
        this.rejectedDir = rejectedDir;
        this.configured = List.copyOf(configured);
        this.trustAll = trustAll;
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain, @Nullable String applicationUri,
            String @Nullable [] validHostnames) throws UaException {
        X509Certificate server = chain.getFirst();
        if (trustAll) {
            log.warn("opcua: trusting the server certificate \"{}\" unchecked (trust_all_servers is on; for labs only)",
                    server.getSubjectX500Principal().getName());
            return;
        }
        List<X509Certificate> trusted = trusted();
        PKIXCertPathBuilderResult path;
        try {
            path = CertificateValidationUtil.buildTrustedCertPath(chain, trusted, List.of());
        } catch (UaException e) {
            throw refuse(server, e);
        }
        try {
            CertPath certPath = path.getCertPath();
            CertificateValidationUtil.validateTrustedCertPath(certPath, path.getTrustAnchor(), List.of(),
                    Set.of(ValidationCheck.VALIDITY), false);
        } catch (UaException e) {
            String reason = "the server certificate \"" + server.getSubjectX500Principal().getName()
                    + "\" is trusted but not valid: " + StatusNames.describe(e);
            lastRefusal = reason;
            throw new UaException(e.getStatusCode(), reason);
        }
        lastRefusal = null;
    }

    /** Why the last certificate was refused, or null when the last check passed (or none was made). */
    @Nullable String lastRefusal() {
        return lastRefusal;
    }

    /** Forgets the last refusal, before a new connection attempt. */
    void clearRefusal() {
        lastRefusal = null;
    }

    Path trustedDir() {
        return trustedDir;
    }

    private List<X509Certificate> trusted() {
        List<X509Certificate> trusted = new ArrayList<>(configured);
        try (Stream<Path> files = Files.list(trustedDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    trusted.addAll(Pem.readCertificates(file));
                } catch (IOException e) {
                    log.warn("opcua: ignoring {} in the trusted directory: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("opcua: cannot list the trusted directory {}: {}", trustedDir, e.getMessage());
        }
        return trusted;
    }

    private UaException refuse(X509Certificate server, UaException cause) {
        String subject = server.getSubjectX500Principal().getName();
        String saved;
        try {
            Files.createDirectories(rejectedDir);
            Path file = rejectedDir.resolve(fileName(server));
            Files.write(file, server.getEncoded());
            saved = "it was saved as " + file + "; to trust it, move that file to " + trustedDir
                    + " (or list it in trusted_certs)";
        } catch (IOException | CertificateEncodingException e) {
            saved = "it could not be saved to " + rejectedDir + " (" + e.getMessage() + "); put the server's "
                    + "certificate into " + trustedDir + " to trust it";
        }
        String reason = "the server certificate \"" + subject + "\" is not trusted (" + StatusNames.name(cause.getStatusCode())
                + "); " + saved;
        lastRefusal = reason;
        return new UaException(StatusCodes.Bad_SecurityChecksFailed, reason);
    }

    /** {@code <common name>-<sha1 thumbprint>.der}, the common name reduced to safe file name characters. */
    static String fileName(X509Certificate certificate) throws CertificateEncodingException {
        String subject = certificate.getSubjectX500Principal().getName();
        String cn = subject.replaceAll("(?i)^.*?\\bCN=([^,]*).*$", "$1");
        String safe = cn.replaceAll("[^A-Za-z0-9._-]+", "_");
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return (safe.isEmpty() ? "server" : safe) + "-" + HexFormat.of().formatHex(sha1) + ".der";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
