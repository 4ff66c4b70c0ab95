package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever a key or certificate file holds, loading it ends in a {@link TlsConfigException} or succeeds: never anything else. */
class MalformedFilesTest {

    private static Path dir;
    private static TestPki pki;
    private static Issued client;

    @BeforeContainer
    static void pki() throws Exception {
        dir = Files.createTempDirectory("ferry-tls-malformed");
        pki = TestPki.create(dir);
        client = pki.client("gw-01").issue();
    }

    @AfterContainer
    static void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> blockTypes() {
        return Arbitraries.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "CERTIFICATE");
    }

    @Property(tries = 300)
    void garbage_in_a_pem_block_is_refused_with_a_reason(@ForAll("blockTypes") String type, @ForAll byte[] body,
            @ForAll boolean asKey) throws Exception {
        String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(body) + "\n-----END " + type + "-----\n";
        Path garbage = Files.writeString(Files.createTempFile(dir, "garbage", ".pem"), pem);
        TlsConfig config = asKey
                ? Tls.trusting(pki).withIdentity(client.certFile().toString(), garbage.toString(), "password")
                : Tls.trusting(pki).withIdentity(garbage.toString(), client.keyFile().toString(), null);

        try {
            Tls.load(config);
        } catch (TlsConfigException e) {
            assertThat(e.getMessage()).startsWith(asKey ? "tls.key: " : "tls.cert: ").contains(garbage.toString());
        }
    }

    @Property(tries = 200)
    void a_valid_key_damaged_anywhere_is_refused_with_a_reason(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 10_000) int where, @ForAll byte flip) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(client.keyPem().replaceAll("-----[A-Z ]+-----", ""));
        der[where % der.length] ^= (byte) (flip == 0 ? 1 : flip);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        Path damaged = Files.writeString(Files.createTempFile(dir, "damaged", ".key"), pem);

        try {
            Tls.load(Tls.trusting(pki).withIdentity(client.certFile().toString(), damaged.toString(), null));
        } catch (TlsConfigException e) {
            assertThat(e.getMessage()).startsWith("tls.key: ");
        }
    }
}
