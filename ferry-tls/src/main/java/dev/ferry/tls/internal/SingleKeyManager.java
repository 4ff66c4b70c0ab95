package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the one configured certificate whenever its key type fits, whatever CAs the peer says it accepts. The
 * JDK's own key manager stays silent when the issuer is not in the peer's list, which turns "the server does not
 * trust our CA" into the vaguer "the server wants a certificate"; OpenSSL-based clients present the configured
 * certificate too.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "ferry";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(Identity identity) {
        this.key = identity.key();
        this.chain = identity.chain().toArray(X509Certificate[]::new);
    }

    /** Whether the JDK's key type (e.g. {@code EC}, {@code RSA}, {@code EdDSA}, {@code EC_EC}) fits our key. */
    private boolean fits(@Nullable String keyType) {
        if (keyType == null) {
            return false;
        }
        String ours = key.getAlgorithm();
        if (ours.startsWith("Ed")) {
            ours = "EdDSA";
        }
        return keyType.equals(ours) || keyType.startsWith(ours + "_") || keyType.equals(key.getAlgorithm());
    }

    private @Nullable String aliasFor(String @Nullable [] keyTypes) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (fits(keyType)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public @Nullable String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public @Nullable String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
