package dev.ferry.tls.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain, the certificate first. */
record Identity(PrivateKey key, List<X509Certificate> chain) {

    X509Certificate certificate() {
        return chain.getFirst();
    }
}
