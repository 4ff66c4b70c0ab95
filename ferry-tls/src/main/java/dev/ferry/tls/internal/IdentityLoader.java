package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds a {@link LoadedIdentity} from one snapshot of the section's files, with the JDK alone. */
final class IdentityLoader {

    private IdentityLoader() {}

    static LoadedIdentity load(TlsConfig config, SectionFiles files, FileSnapshot snapshot, Clock clock)
            throws TlsConfigException {
        char[] password = config.password() == null ? null : config.password().toCharArray();
        Identity identity = files.cert() == null ? null : identity(files, snapshot, password);
        List<X509Certificate> trusted = files.ca() == null ? null
                : CertificateReader.certificates(CertificateReader.blocks(snapshot.bytes(files.ca()), files.ca()), files.ca());
        try {
            X509ExtendedTrustManager jdkTrust = trustManager(trusted);
            String trustSource = files.ca() == null ? "the JDK's default trust store (set " + files.keyOf("ca") + ")" : files.keyOf("ca");
            TrustManager[] trustManagers = {new ExplainingTrustManager(jdkTrust, trustSource, clock)};
            KeyManager[] keyManagers = identity == null ? new KeyManager[0] : new KeyManager[] {new SingleKeyManager(identity)};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            Algorithms algorithms = Algorithms.resolve(config, files.section(), context.getSupportedSSLParameters());
            List<X509Certificate> anchors = trusted != null ? trusted : List.of(jdkTrust.getAcceptedIssuers());
            return new LoadedIdentity(context, keyManagers, trustManagers, identity, anchors, algorithms,
                    config.verifyHostname(), config.serverName(),
                    new HandshakeExplainer(identity == null ? null : identity.certificate(), files.section(), algorithms.protocols(),
                            algorithms.cipherSuites()));
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(files.section(), "cannot set up TLS: " + e.getMessage());
        }
    }

    private static Identity identity(SectionFiles files, FileSnapshot snapshot, char @Nullable [] password)
            throws TlsConfigException {
        WatchedFile certFile = files.cert();
        byte[] certBytes = snapshot.bytes(certFile);
        if (Pkcs12Reader.isPkcs12(certFile, certBytes)) {
            if (files.key() != null) {
                throw new TlsConfigException(files.key().key(), "leave it out: " + certFile.path()
                        + " is a PKCS#12 file, which holds the key as well");
            }
            return checked(Pkcs12Reader.read(certBytes, certFile, password), certFile, certFile);
        }
        List<PemBlock> certBlocks = CertificateReader.blocks(certBytes, certFile);
        List<X509Certificate> chain = CertificateReader.certificates(certBlocks, certFile);
        WatchedFile keyFile = files.key() != null ? files.key() : certFile;
        List<PemBlock> keyBlocks = files.key() != null ? CertificateReader.blocks(snapshot.bytes(keyFile), keyFile) : certBlocks;
        PemBlock keyBlock = keyBlocks.stream().filter(PemBlock::isPrivateKey).findFirst().orElse(null);
        if (keyBlock == null) {
            if (files.key() == null) {
                throw new TlsConfigException(files.keyOf("key"), "missing: " + certFile.path() + " holds no private key;"
                        + " name the key file of this certificate in " + files.keyOf("key"));
            }
            String found = keyBlocks.stream().map(PemBlock::type).distinct().reduce((a, b) -> a + ", " + b).orElse("");
            throw new TlsConfigException(keyFile.key(), keyFile.path() + " holds no private key (found: " + found + ")"
                    + (found.contains("CERTIFICATE") ? "; is it the certificate file?" : ""));
        }
        PrivateKey key = PrivateKeyReader.read(keyBlock, keyFile, password);
        return checked(new Identity(key, chain), keyFile, certFile);
    }

    private static Identity checked(Identity identity, WatchedFile keyFile, WatchedFile certFile) throws TlsConfigException {
        if (!KeyPairCheck.matches(identity.key(), identity.certificate().getPublicKey())) {
            throw new TlsConfigException(keyFile.key(), "the key in " + keyFile.path() + " does not belong to the certificate "
                    + CertificateNames.subject(identity.certificate()) + " in " + certFile.path()
                    + "; use the key the certificate was issued for");
        }
        return identity;
    }

    private static X509ExtendedTrustManager trustManager(@Nullable List<X509Certificate> trusted) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        if (trusted == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("cannot create an in-memory key store", e);
            }
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }
}
