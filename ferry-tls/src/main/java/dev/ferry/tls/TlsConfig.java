package dev.ferry.tls;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import java.time.Duration;
import java.util.List;

/**
 * The {@code tls:} section of a network sink or source: whom to trust, who we are, and what to offer. A plugin
 * declares it as a component of its own config record, e.g. {@code @Nullable TlsConfig tls}, and turns it into
 * a connection-ready {@link ClientTls} with {@link ClientTls#load}.
 *
 * <p>The record checks only what needs no file and no JDK lookup; {@link ClientTls#load} reads the files and
 * refuses what is wrong with them, and {@link ClientTls#check} checks the names of protocols, cipher suites and
 * groups against this JDK.
 */
public record TlsConfig(
        @Doc("CA certificates, a PEM file of one or more certificates, that the server's certificate must chain to."
                + " Left out: the JDK's default trust store (public CAs).")
        @Nullable String ca,
        @Doc("This client's certificate: a PEM file with the certificate first and then any intermediate CA"
                + " certificates; or a PKCS#12 file (.p12, .pfx) holding certificate chain and key, unlocked by"
                + " `password`. Left out: no client certificate is offered.")
        @Nullable String cert,
        @Doc("The private key of `cert`, PEM: PKCS#8 (BEGIN PRIVATE KEY), encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE"
                + " KEY, unlocked by `password`), or unencrypted BEGIN EC PRIVATE KEY / BEGIN RSA PRIVATE KEY."
                + " Left out when `cert` is PKCS#12 or holds the key as well.")
        @Nullable String key,
        @Doc("Password of an encrypted `key` or of a PKCS#12 `cert`. Write it as ${ENV_NAME} to keep it out of"
                + " the file.")
        @Nullable String password,
        @Doc("Check that the server's certificate names the host connected to (or `server_name`). Turning it off"
                + " lets anyone with a certificate from a trusted CA pose as the server.")
        @Default("true") boolean verifyHostname,
        @Doc("Host name to send as SNI and to look for in the server's certificate instead of the host connected"
                + " to, e.g. when connecting by IP address or through a tunnel.")
        @Nullable String serverName,
        @Doc("TLS versions to offer, e.g. [TLSv1.3, TLSv1.2]. Empty: TLSv1.3 and TLSv1.2.")
        @Default("[]") List<String> protocols,
        @Doc("Cipher suites to offer, in IANA (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256) or OpenSSL"
                + " (ECDHE-ECDSA-AES128-GCM-SHA256) names. Empty: the JDK's defaults. A list may name only suites with"
                + " forward secrecy and authenticated encryption (ECDHE or DHE with GCM, CCM or CHACHA20_POLY1305, and the"
                + " TLS 1.3 suites); a CBC, static-RSA or broken suite is refused at this key.")
        @Default("[]") List<String> cipherSuites,
        @Doc("Key-exchange groups to offer, e.g. [secp256r1] or [x25519, secp256r1]; P-256 and prime256v1 mean"
                + " secp256r1. Empty: the JDK's defaults.")
        @Default("[]") List<String> namedGroups,
        @Doc("How often the certificate, key and CA files are checked for change; a changed file is loaded for the"
                + " next connection without a restart.")
        @Default("30s") @Positive Duration reloadCheck,
        @Doc("Warn, at most once a day, when the client certificate expires within this time.")
        @Default("30d") @Min("0s") Duration expiryWarning) {

    /** The versions offered when {@code protocols} is empty. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsConfig {
        protocols = protocols.isEmpty() ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
        if (key != null && cert == null) {
            throw new IllegalArgumentException("`key` is set but `cert` is not; name the certificate of this key in `cert`");
        }
    }

    /** Trust the given CA file, verify the host name, offer no client certificate; everything else by default. */
    public static TlsConfig trusting(@Nullable String ca) {
        return new TlsConfig(ca, null, null, null, true, null, List.of(), List.of(), List.of(),
                Duration.ofSeconds(30), Duration.ofDays(30));
    }

    public TlsConfig withIdentity(String cert, @Nullable String key, @Nullable String password) {
        return new TlsConfig(ca, cert, key, password, verifyHostname, serverName, protocols, cipherSuites, namedGroups,
                reloadCheck, expiryWarning);
    }

    public TlsConfig withVerifyHostname(boolean verify, @Nullable String name) {
        return new TlsConfig(ca, cert, key, password, verify, name, protocols, cipherSuites, namedGroups,
                reloadCheck, expiryWarning);
    }

    public TlsConfig withAlgorithms(List<String> protocolList, List<String> suites, List<String> groups) {
        return new TlsConfig(ca, cert, key, password, verifyHostname, serverName, protocolList, suites, groups,
                reloadCheck, expiryWarning);
    }

    public TlsConfig withTiming(Duration check, Duration warning) {
        return new TlsConfig(ca, cert, key, password, verifyHostname, serverName, protocols, cipherSuites, namedGroups,
                check, warning);
    }

    /** The password is a secret: never shown. */
    @Override
    public String toString() {
        return "TlsConfig[ca=" + ca + ", cert=" + cert + ", key=" + key + ", password=" + (password == null ? "none" : "***")
                + ", verifyHostname=" + verifyHostname + ", serverName=" + serverName + ", protocols=" + protocols
                + ", cipherSuites=" + cipherSuites + ", namedGroups=" + namedGroups + ", reloadCheck=" + reloadCheck
                + ", expiryWarning=" + expiryWarning + "]";
    }
}
