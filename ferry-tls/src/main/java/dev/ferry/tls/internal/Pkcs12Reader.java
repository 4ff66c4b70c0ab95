package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Reads the key and certificate chain of a PKCS#12 file (.p12, .pfx). */
final class Pkcs12Reader {

    private Pkcs12Reader() {}

    /** A file is read as PKCS#12 when its name says so, or when it is binary rather than PEM text. */
    static boolean isPkcs12(WatchedFile file, byte[] content) {
        String name = file.path().getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx") || (!Pem.looksLikePem(content) && content[0] == 0x30);
    }

    static Identity read(byte[] content, WatchedFile file, char @Nullable [] password) throws TlsConfigException {
        char[] pass = password == null ? new char[0] : password;
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), pass);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsConfigException(file.key(), "cannot open " + file.path() + ": wrong password?"
                        + (password == null ? " (`password` is not set)" : ""));
            }
            throw new TlsConfigException(file.key(), "cannot read " + file.path() + " as PKCS#12: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file.key(), "cannot read " + file.path() + " as PKCS#12: " + e.getMessage());
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, pass);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain == null || chain.length == 0) {
                        throw new TlsConfigException(file.key(), file.path() + " holds a key without its certificate");
                    }
                    return new Identity(key, chainOf(chain));
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new TlsConfigException(file.key(), "cannot decrypt the key in " + file.path() + ": wrong password?");
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file.key(), "cannot read the key in " + file.path() + ": " + e.getMessage());
        }
        throw new TlsConfigException(file.key(), file.path() + " holds no private key; a client identity needs one");
    }

    private static List<X509Certificate> chainOf(Certificate[] chain) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : chain) {
            certificates.add((X509Certificate) certificate);
        }
        return List.copyOf(certificates);
    }
}
