package dev.ferry.source.opcua.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's application instance certificate for one source: an RSA key and a self-signed certificate whose
 * subject alternative name holds the application URI, generated on first start under {@code pki/own} and reused
 * afterwards (a server trusts it once). A changed application URI makes a new one, since servers check the URI.
 */
record ApplicationIdentity(KeyPair keyPair, X509Certificate certificate, Path certificateFile) {

    private static final Logger log = LoggerFactory.getLogger(ApplicationIdentity.class);

    static ApplicationIdentity loadOrCreate(Path ownDir, String applicationUri, String commonName) throws IOException {
        Path certFile = ownDir.resolve("ferry.der");
        Path keyFile = ownDir.resolve("ferry.key");
        if (Files.isRegularFile(certFile) && Files.isRegularFile(keyFile)) {
            X509Certificate certificate = Pem.readCertificates(certFile).getFirst();
            PrivateKey key = Pem.readPrivateKey(keyFile);
            Optional<String> uri = CertificateUtil.getSanUri(certificate);
            if (uri.isPresent() && uri.get().equals(applicationUri)) {
                return new ApplicationIdentity(new KeyPair(certificate.getPublicKey(), key), certificate, certFile);
            }
            log.info("opcua: the application URI changed from {} to {}; making a new certificate in {}",
                    uri.orElse("(none)"), applicationUri, ownDir);
        }
        return create(ownDir, certFile, keyFile, applicationUri, commonName);
    }

    private static ApplicationIdentity create(Path ownDir, Path certFile, Path keyFile, String applicationUri,
            String commonName) throws IOException {
        Files.createDirectories(ownDir);
        try {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName(commonName)
                    .setOrganization("Ferry")
                    .setApplicationUri(applicationUri)
                    .setValidityPeriod(Period.ofYears(20))
                    .addDnsName("localhost");
            String host = hostName();
            if (!host.equals("localhost")) {
                builder.addDnsName(host);
            }
            X509Certificate certificate = builder.build();
            writeAtomically(keyFile, Pem.encode("PRIVATE KEY", keyPair.getPrivate().getEncoded()).getBytes(), true);
            writeAtomically(certFile, certificate.getEncoded(), false);
            log.info("opcua: made Ferry's application certificate {} for {}; servers must trust it", certFile,
                    applicationUri);
            return new ApplicationIdentity(keyPair, certificate, certFile);
        } catch (IOException e) {
            throw e;
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the new certificate: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException("cannot make an application certificate: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] content, boolean secret) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, content);
        if (secret && Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
