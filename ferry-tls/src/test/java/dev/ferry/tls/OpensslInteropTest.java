package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test PKI's files are what OpenSSL-based peers (Mosquitto) are given, and OpenSSL's own key files are what
 * operators give Ferry: each side must read the other's.
 */
class OpensslInteropTest {

    private static final String PASSWORD = "interop-pass";

    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki rsaPki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
        rsaPki = TestPki.create(dir, "Ferry Test RSA CA", KeyType.RSA);
    }

    /** Runs openssl and returns its output; fails the test when it exits non-zero. */
    private static String openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s:%n%s", String.join(" ", arguments), output).isZero();
        return output;
    }

    @Test
    void openssl_reads_certificates_with_their_names_and_verifies_them_against_the_ca() throws Exception {
        Issued server = pki.server("localhost");
        Issued client = pki.client("gw-01").tenant("acme").dns("gw-01.acme.example").issue();

        assertThat(openssl("x509", "-in", server.certFile().toString(), "-noout", "-subject", "-ext", "subjectAltName,extendedKeyUsage"))
                .contains("CN = localhost", "DNS:localhost", "IP Address:127.0.0.1", "TLS Web Server Authentication");
        assertThat(openssl("x509", "-in", client.certFile().toString(), "-noout", "-ext", "subjectAltName,extendedKeyUsage"))
                .contains("URI:urn:tenant:acme", "DNS:gw-01.acme.example", "TLS Web Client Authentication");
        assertThat(openssl("verify", "-CAfile", pki.caFile().toString(), "-purpose", "sslserver", server.certFile().toString()))
                .contains(": OK");
        assertThat(openssl("verify", "-CAfile", pki.caFile().toString(), "-purpose", "sslclient", client.certFile().toString()))
                .contains(": OK");
    }

    @Test
    void openssl_reads_every_key_form_and_each_matches_its_certificate() throws Exception {
        for (Issued issued : List.of(pki.client("gw-ec").issue(), rsaPki.client("gw-rsa").rsa().issue())) {
            String certificateKey = openssl("x509", "-in", issued.certFile().toString(), "-noout", "-pubkey");
            for (Path key : List.of(issued.keyFile(), issued.traditionalKeyFile())) {
                assertThat(openssl("pkey", "-in", key.toString(), "-pubout")).isEqualTo(certificateKey);
            }
            assertThat(openssl("pkey", "-in", issued.encryptedKeyFile(PASSWORD).toString(), "-passin", "pass:" + PASSWORD, "-pubout"))
                    .isEqualTo(certificateKey);
            assertThat(openssl("pkcs12", "-in", issued.p12File(PASSWORD).toString(), "-passin", "pass:" + PASSWORD, "-nokeys"))
                    .contains("-----BEGIN CERTIFICATE-----");
        }
    }

    @Test
    void openssl_verifies_a_chain_through_an_intermediate() throws Exception {
        Issued device = pki.intermediate("Ferry Test Devices CA").client("gw-sub").issue();

        // The chain file holds the certificate, then the intermediate: OpenSSL takes the latter as untrusted help.
        assertThat(openssl("verify", "-CAfile", pki.caFile().toString(), "-untrusted", device.certFile().toString(),
                device.certFile().toString())).contains(": OK");
    }

    /** The secret number of a key; encodings differ (OpenSSL adds the public point to an EC key). */
    private static java.math.BigInteger secret(java.security.PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
    }

    @Test
    void ferry_reads_keys_that_openssl_wrote() throws Exception {
        for (Issued issued : List.of(pki.client("gw-openssl-ec").issue(), rsaPki.client("gw-openssl-rsa").rsa().issue())) {
            Path encrypted = dir.resolve(issued.name() + ".openssl.p8");
            Path traditional = dir.resolve(issued.name() + ".openssl.traditional");
            openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", issued.keyFile().toString(), "-out", encrypted.toString(),
                    "-passout", "pass:" + PASSWORD);
            if (issued.privateKey().getAlgorithm().equals("EC")) {
                openssl("ec", "-in", issued.keyFile().toString(), "-out", traditional.toString());
            } else {
                openssl("rsa", "-in", issued.keyFile().toString(), "-out", traditional.toString(), "-traditional");
            }
            assertThat(java.nio.file.Files.readString(traditional))
                    .startsWith("-----BEGIN " + issued.privateKey().getAlgorithm() + " PRIVATE KEY-----");

            for (TlsConfig config : List.of(
                    Tls.trusting(pki).withIdentity(issued.certFile().toString(), encrypted.toString(), PASSWORD),
                    Tls.trusting(pki).withIdentity(issued.certFile().toString(), traditional.toString(), null))) {
                assertThat(secret(Tls.load(config).current().privateKey())).isEqualTo(secret(issued.privateKey()));
            }
        }
    }
}
