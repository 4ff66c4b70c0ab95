package dev.ferry.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.KeyType;
import dev.ferry.testkit.pki.TestPki;
import dev.ferry.tls.internal.CertificateNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings about a client certificate running out or not valid yet, on a clock moved by hand. */
class ExpiryWarningTest {

    /** Certificates are made on the same clock, to the second, so days left come out whole. */
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final List<TlsEvent> events = new CopyOnWriteArrayList<>();
    TestPki pki;

    @BeforeEach
    void pki(@TempDir Path dir) {
        pki = TestPki.create(dir, "Clocked CA", KeyType.EC, clock);
    }

    private ClientTls load(Issued client) throws TlsConfigException {
        TlsConfig config = Tls.mutual(pki, client).withTiming(Duration.ofSeconds(30), Duration.ofDays(30));
        return ClientTls.load(config, TlsSetup.of(Path::of, clock).withListener(events::add));
    }

    private <E extends TlsEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void a_certificate_near_its_end_is_warned_about_once_a_day() throws Exception {
        Issued soon = pki.client("gw-soon").expiresIn(Duration.ofDays(10)).issue();

        ClientTls tls = load(soon);
        String until = CertificateNames.date(soon.certificate().getNotAfter().toInstant());
        assertThat(events(TlsEvent.Expiring.class)).singleElement().satisfies(expiring -> {
            assertThat(expiring.daysLeft()).isEqualTo(10);
            assertThat(expiring.warning()).isTrue();
            assertThat(expiring.message()).isEqualTo("our certificate CN=gw-soon expires on " + until
                    + " (10 days left); replace " + soon.certFile() + " in time; it is re-read without a restart");
        });

        clock.advance(Duration.ofHours(23));
        tls.current();
        assertThat(events(TlsEvent.Expiring.class)).hasSize(1);

        clock.advance(Duration.ofHours(2));
        tls.current();
        assertThat(events(TlsEvent.Expiring.class)).hasSize(2).last()
                .satisfies(expiring -> assertThat(expiring.daysLeft()).isEqualTo(8));

        clock.advance(Duration.ofDays(9));
        tls.current();
        assertThat(events(TlsEvent.Expiring.class)).last().satisfies(expiring -> {
            assertThat(expiring.daysLeft()).isNegative();
            assertThat(expiring.message()).startsWith("our certificate CN=gw-soon expired on " + until + "; peers will refuse it.");
        });
    }

    @Test
    void a_certificate_far_from_its_end_is_not_warned_about() throws Exception {
        ClientTls tls = load(pki.client("gw-fresh").issue());
        clock.advance(Duration.ofDays(2));
        tls.current();

        assertThat(events(TlsEvent.Expiring.class)).isEmpty();
        assertThat(events).singleElement().isInstanceOf(TlsEvent.Loaded.class);
    }

    @Test
    void a_certificate_not_valid_yet_is_warned_about_not_refused() throws Exception {
        load(pki.client("gw-early").notYetValid().issue());

        assertThat(events(TlsEvent.NotYetValid.class)).singleElement()
                .satisfies(warning -> assertThat(warning.message()).endsWith("Is this device's clock right?"));
    }
}
