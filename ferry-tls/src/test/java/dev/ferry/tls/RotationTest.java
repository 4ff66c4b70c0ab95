package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate rotation without restart, on a clock moved by hand. */
class RotationTest {

    private static final Duration CHECK = Duration.ofSeconds(30);

    @TempDir
    static Path pkiDir;

    static TestPki pki;
    static Issued first;
    static Issued second;
    static TlsTestServer server;

    @TempDir
    Path live;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final List<TlsEvent> events = new CopyOnWriteArrayList<>();
    Path cert;
    Path key;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(pkiDir);
        first = pki.client("gw-01").issue();
        second = pki.client("gw-01-renewed").issue();
        server = TlsTestServer.start(pki.server("localhost"), List.of(pki.caCertificate()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void install() throws Exception {
        cert = live.resolve("gw.crt");
        key = live.resolve("gw.key");
        Files.copy(first.certFile(), cert);
        Files.copy(first.keyFile(), key);
    }

    private ClientTls load() throws TlsConfigException {
        TlsConfig config = Tls.trusting(pki).withIdentity(cert.toString(), key.toString(), null)
                .withTiming(CHECK, Duration.ofDays(30));
        return ClientTls.load(config, TlsSetup.of(Path::of, clock).withListener(events::add));
    }

    /** Replaces a file the way an operator's tool does: write beside it, then rename over it. */
    private static void replace(Path target, Path source) throws Exception {
        Path temporary = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private <E extends TlsEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void rotated_files_are_used_from_the_next_check_on() throws Exception {
        ClientTls tls = load();
        TlsIdentity before = tls.current();

        replace(cert, second.certFile());
        replace(key, second.keyFile());

        assertThat(tls.current()).as("not checked before the interval").isSameAs(before);
        clock.advance(CHECK);
        TlsIdentity after = tls.current();
        assertThat(after.chain()).containsExactly(second.certificate());
        assertThat(TlsClient.connect(after, "localhost", server.port()).getLocalCertificates()[0]).isEqualTo(second.certificate());
        assertThat(events(TlsEvent.Reloaded.class)).singleElement().satisfies(reloaded -> {
            assertThat(reloaded.subject()).isEqualTo("CN=gw-01-renewed");
            assertThat(reloaded.message()).contains("our certificate CN=gw-01-renewed, valid until ");
        });
        clock.advance(CHECK);
        assertThat(tls.current()).as("unchanged files are not loaded again").isSameAs(after);
    }

    @Test
    void a_half_written_file_keeps_the_old_identity_and_is_warned_about_once_it_stays() throws Exception {
        ClientTls tls = load();
        TlsIdentity before = tls.current();

        Files.writeString(cert, second.certPem().substring(0, 200));
        clock.advance(CHECK);
        assertThat(tls.current()).isSameAs(before);
        assertThat(events(TlsEvent.ReloadFailed.class)).as("the writer may still be at it").isEmpty();
        clock.advance(CHECK);
        assertThat(tls.current()).isSameAs(before);
        clock.advance(CHECK);
        assertThat(tls.current()).isSameAs(before);

        assertThat(events(TlsEvent.ReloadFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.warning()).isTrue();
            assertThat(failed.message()).isEqualTo("TLS files changed but cannot be loaded, keeping the previous certificate:"
                    + " tls.cert: cannot read " + cert + ": it is cut short: \"-----BEGIN CERTIFICATE-----\" has no END line"
                    + " (tried again when the files change)");
        });
        assertThat(TlsClient.connect(tls.current(), "localhost", server.port()).getLocalCertificates()[0])
                .isEqualTo(first.certificate());

        replace(cert, second.certFile());
        replace(key, second.keyFile());
        clock.advance(CHECK);
        assertThat(tls.current().chain()).containsExactly(second.certificate());
    }

    @Test
    void replacing_certificate_and_key_one_check_apart_loads_without_a_warning() throws Exception {
        ClientTls tls = load();
        TlsIdentity before = tls.current();

        replace(cert, second.certFile());
        clock.advance(CHECK);
        assertThat(tls.current()).as("new certificate, old key").isSameAs(before);
        replace(key, second.keyFile());
        clock.advance(CHECK);

        assertThat(tls.current().chain()).containsExactly(second.certificate());
        assertThat(events(TlsEvent.ReloadFailed.class)).isEmpty();
    }

    @Test
    void a_key_that_stays_wrong_is_warned_about_with_the_reason() throws Exception {
        ClientTls tls = load();

        replace(cert, second.certFile());
        clock.advance(CHECK);
        tls.current();
        clock.advance(CHECK);
        tls.current();

        assertThat(events(TlsEvent.ReloadFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).isEqualTo("tls.key: the key in " + key
                        + " does not belong to the certificate CN=gw-01-renewed in " + cert
                        + "; use the key the certificate was issued for"));
        assertThat(tls.current().chain()).containsExactly(first.certificate());
    }

    @Test
    void a_rotated_ca_file_changes_whom_we_trust() throws Exception {
        TlsConfig config = TlsConfig.trusting(live.resolve("ca.crt").toString()).withTiming(CHECK, Duration.ofDays(30));
        Files.copy(pki.caFile(), live.resolve("ca.crt"));
        ClientTls tls = ClientTls.load(config, TlsSetup.of(Path::of, clock));

        replace(live.resolve("ca.crt"), TestPki.create(live, "Next CA", KeyType.EC).caFile());
        clock.advance(CHECK);

        assertThat(tls.current().trustedCertificates()).singleElement()
                .satisfies(ca -> assertThat(ca.getSubjectX500Principal().getName()).contains("CN=Next CA"));
    }
}
