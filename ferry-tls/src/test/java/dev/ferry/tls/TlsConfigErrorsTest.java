package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.ConfigProblem;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import dev.ferry.tls.internal.CertificateNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a wrong {@code tls:} section is refused with: the key first, then the file and what to do. */
class TlsConfigErrorsTest {

    @TempDir
    static Path dir;

    static TestPki pki;
    static Issued client;
    static Issued other;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
        client = pki.client("gw-01").issue();
        other = pki.client("gw-02").issue();
    }

    private static String refusal(TlsConfig config) {
        TlsConfigException[] caught = new TlsConfigException[1];
        assertThatThrownBy(() -> Tls.load(config)).isInstanceOfSatisfying(TlsConfigException.class, e -> caught[0] = e);
        assertThat(caught[0].getStackTrace()).as("shown without a stack trace").isEmpty();
        return caught[0].getMessage();
    }

    private static TlsConfig pair(Path cert, Path key, String password) {
        return Tls.trusting(pki).withIdentity(cert.toString(), key.toString(), password);
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void wrong_key_password() {
        Path key = client.encryptedKeyFile("right");

        assertThat(refusal(pair(client.certFile(), key, "wrong"))).isEqualTo("tls.key: cannot decrypt " + key + ": wrong password?");
        assertThat(refusal(pair(client.certFile(), key, null))).isEqualTo("tls.key: " + key
                + " is encrypted; set `password` (e.g. password: ${KEY_PASSWORD})");
    }

    @Test
    void wrong_pkcs12_password() {
        Path p12 = client.p12File("right");

        assertThat(refusal(Tls.trusting(pki).withIdentity(p12.toString(), null, "wrong")))
                .isEqualTo("tls.cert: cannot open " + p12 + ": wrong password?");
    }

    @Test
    void key_of_another_certificate() {
        assertThat(refusal(pair(client.certFile(), other.keyFile(), null))).isEqualTo("tls.key: the key in " + other.keyFile()
                + " does not belong to the certificate CN=gw-01 in " + client.certFile() + "; use the key the certificate was issued for");
    }

    @Test
    void missing_files_name_their_key() {
        Path nowhere = dir.resolve("nowhere.pem");

        assertThat(refusal(TlsConfig.trusting(nowhere.toString()))).isEqualTo("tls.ca: no such file " + nowhere);
        assertThat(refusal(pair(nowhere, client.keyFile(), null))).isEqualTo("tls.cert: no such file " + nowhere);
        assertThat(refusal(pair(client.certFile(), nowhere, null))).isEqualTo("tls.key: no such file " + nowhere);
    }

    @Test
    void files_that_are_not_what_their_key_says() throws Exception {
        Path binary = Files.write(dir.resolve("ca.der"), pki.caCertificate().getEncoded());
        Path keyOnly = client.keyFile();
        Path empty = write("empty.pem", "");
        Path cut = write("cut.crt", client.certPem().substring(0, 300));

        assertThat(refusal(TlsConfig.trusting(binary.toString()))).isEqualTo("tls.ca: cannot read " + binary
                + ": it is not PEM (no \"-----BEGIN\" line); a binary (DER) certificate converts with:"
                + " openssl x509 -inform der -in FILE.der -out FILE.pem");
        assertThat(refusal(TlsConfig.trusting(keyOnly.toString())))
                .isEqualTo("tls.ca: " + keyOnly + " holds no certificate (found: PRIVATE KEY)");
        assertThat(refusal(TlsConfig.trusting(empty.toString()))).isEqualTo("tls.ca: " + empty + " is empty");
        assertThat(refusal(pair(cut, client.keyFile(), null))).isEqualTo("tls.cert: cannot read " + cut
                + ": it is cut short: \"-----BEGIN CERTIFICATE-----\" has no END line");
        assertThat(refusal(pair(client.certFile(), client.certFile(), null))).isEqualTo("tls.key: " + client.certFile()
                + " holds no private key (found: CERTIFICATE); is it the certificate file?");
        assertThat(refusal(Tls.trusting(pki).withIdentity(client.certFile().toString(), null, null))).isEqualTo("tls.key: missing: "
                + client.certFile() + " holds no private key; name the key file of this certificate in tls.key");
    }

    @Test
    void legacy_encrypted_and_foreign_keys_are_refused_with_the_conversion() throws Exception {
        String traditional = client.traditionalKeyPem();
        Path legacy = write("legacy.key", traditional.replace("-----BEGIN EC PRIVATE KEY-----\n",
                "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0011223344556677\n\n"));
        Path openssh = write("id.key", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");

        assertThat(refusal(pair(client.certFile(), legacy, "x"))).isEqualTo("tls.key: " + legacy + " is encrypted the legacy"
                + " OpenSSL way, which Ferry does not read; convert it to encrypted PKCS#8 with:"
                + " openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.key -out NEW.key");
        assertThat(refusal(pair(client.certFile(), openssh, null))).isEqualTo("tls.key: " + openssh + " holds a OPENSSH PRIVATE KEY,"
                + " which Ferry cannot use; convert it to PKCS#8 with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.key -out NEW.key");
    }

    @Test
    void expired_client_certificate_is_refused_at_load() {
        Issued expired = pki.client("gw-old").expired().issue();
        String expiredOn = CertificateNames.date(expired.certificate().getNotAfter().toInstant());

        assertThat(refusal(Tls.mutual(pki, expired))).isEqualTo("tls.cert: the certificate CN=gw-old in " + expired.certFile()
                + " expired on " + expiredOn + "; servers refuse it, so renew it");
    }

    @Test
    void names_this_jdk_does_not_support_with_close_ones_it_does() {
        TlsConfig config = Tls.mutual(pki, client)
                .withAlgorithms(List.of("TLSv1.1"), List.of("ECDHE-ECDSA-AES128-CCM8"), List.of("brainpoolP256r1"));

        List<ConfigProblem> problems = ClientTls.check(config, "tls");

        assertThat(problems).extracting(ConfigProblem::key).containsExactly("tls.protocols", "tls.cipher_suites", "tls.named_groups");
        assertThat(problems.get(0).message()).isEqualTo("\"TLSv1.1\" is not offered: write TLSv1.3 or TLSv1.2"
                + " (older versions are broken and retired by RFC 8996)");
        assertThat(problems.get(1).message())
                .startsWith("this JDK does not support the cipher suite \"ECDHE-ECDSA-AES128-CCM8\" (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);"
                        + " close ones it does: TLS_ECDHE_ECDSA_WITH_AES_128_");
        assertThat(problems.get(2).message()).startsWith("this JDK does not support the group \"brainpoolP256r1\";"
                + " close ones it does: secp256r1");
        assertThat(refusal(config)).isEqualTo("tls.protocols: " + problems.get(0).message());
    }

    @Test
    void weak_suites_are_refused_at_their_key_whether_this_jdk_enables_them_or_not() {
        // ECDHE-RSA-AES128-SHA is among the JDK's defaults; static RSA (AES128-GCM-SHA256) and 3DES it disables
        TlsConfig config = Tls.mutual(pki, client).withAlgorithms(List.of(), List.of("ECDHE-RSA-AES128-SHA",
                "AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
                "ECDHE-RSA-AES128-GCM-SHA256"), List.of());
        String advice = "; name ECDHE suites with GCM or CHACHA20_POLY1305, e.g. ECDHE-ECDSA-AES128-GCM-SHA256,"
                + " ECDHE-RSA-AES128-GCM-SHA256, or the TLS 1.3 ones";

        assertThat(ClientTls.check(config, "tls")).containsExactly(
                new ConfigProblem("tls.cipher_suites", "the cipher suite \"ECDHE-RSA-AES128-SHA\""
                        + " (TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA) is refused: it is a CBC suite (MAC-then-encrypt, the"
                        + " target of padding-oracle attacks such as Lucky Thirteen)" + advice),
                new ConfigProblem("tls.cipher_suites", "the cipher suite \"AES128-GCM-SHA256\" (TLS_RSA_WITH_AES_128_GCM_SHA256)"
                        + " is refused: it has no forward secrecy: whoever gets the server's key later reads every"
                        + " recorded session" + advice),
                new ConfigProblem("tls.cipher_suites", "the cipher suite \"TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA\" is refused:"
                        + " its cipher or hash is broken" + advice),
                new ConfigProblem("tls.cipher_suites", "the cipher suite \"TLS_ECDHE_ECDSA_WITH_NULL_SHA\" is refused:"
                        + " it encrypts or authenticates nothing" + advice));
        assertThat(refusal(config)).startsWith("tls.cipher_suites: the cipher suite \"ECDHE-RSA-AES128-SHA\"");
    }

    @Test
    void suites_that_fit_no_offered_protocol() {
        TlsConfig config = Tls.mutual(pki, client).withAlgorithms(List.of("TLSv1.2"), List.of("TLS_AES_128_GCM_SHA256"), List.of());

        assertThat(refusal(config)).isEqualTo("tls.cipher_suites: none of [TLS_AES_128_GCM_SHA256] works with [TLSv1.2];"
                + " TLS 1.3 suites start with TLS_AES_ or TLS_CHACHA20_, all others are TLS 1.2 suites");
    }

    @Test
    void well_formed_names_pass_the_check() {
        TlsConfig config = Tls.mutual(pki, client).withAlgorithms(List.of("1.2", "tlsv1.3"),
                List.of("ECDHE-RSA-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384"), List.of("prime256v1", "X25519"));

        assertThat(ClientTls.check(config, "tls")).isEmpty();
    }

    @Test
    void key_without_cert_is_refused_by_the_record() {
        assertThatThrownBy(() -> Tls.trusting(pki).withIdentity(null, "gw.key", null))
                .hasMessage("`key` is set but `cert` is not; name the certificate of this key in `cert`");
    }

    @Test
    void the_password_never_shows() {
        assertThat(Tls.mutual(pki, client).withIdentity("a.crt", "a.key", "hunter2").toString())
                .doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void errors_carry_the_section_they_are_in() {
        Path nowhere = dir.resolve("nowhere.pem");
        TlsSetup setup = TlsSetup.of(Path::of, java.time.Clock.systemUTC()).inSection("dtls");

        assertThatThrownBy(() -> ClientTls.load(TlsConfig.trusting(nowhere.toString()), setup))
                .isInstanceOfSatisfying(TlsConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("dtls.ca");
                    assertThat(e.toProblem()).isEqualTo(new ConfigProblem("dtls.ca", "no such file " + nowhere));
                });
    }
}
