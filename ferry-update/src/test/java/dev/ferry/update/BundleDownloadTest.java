package dev.ferry.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.testkit.http.NginxServer;
import dev.ferry.testkit.net.FaultProxy;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import dev.ferry.tls.TlsSetup;
import dev.ferry.update.BundleDownload.Source;
import dev.ferry.update.BundleRefused.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a real nginx that wants a client certificate and a bearer token, with a fault proxy in between
 * where a test cuts or stalls the connection.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BundleDownloadTest {

    private static final String TOKEN = "tok-3f9a.B7_c~e+/x=";
    private static final int SIZE = 4 * 1024 * 1024;
    private static final long MAX = 64L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    static Path shared;
    private static TestPki pki;
    private static Issued client;
    private static byte[] bundle;
    private static Path root;

    @TempDir
    Path dir;
    private NginxServer nginx;
    private Path partial;

    @BeforeAll
    static void makePkiAndBundle() throws IOException {
        pki = TestPki.create(shared.resolve("pki"));
        client = pki.client("gw-01").issue();
        bundle = new byte[SIZE];
        new Random(42).nextBytes(bundle);
        root = Files.createDirectories(shared.resolve("www"));
        Files.write(root.resolve("ferry.bundle"), bundle);
    }

    @BeforeEach
    void startNginx() throws IOException, InterruptedException {
        Issued server = pki.server("localhost");
        nginx = NginxServer.start(dir.resolve("nginx"), root, new NginxServer.Tls(pki.caFile(), server.certFile(), server.keyFile()), TOKEN);
        partial = dir.resolve("ferry.bundle.part");
    }

    @AfterEach
    void stopNginx() {
        nginx.close();
    }

    @Test
    void downloadsTheWholeBundleAndReportsProgressUpToItsSize() throws Exception {
        List<long[]> progress = new CopyOnWriteArrayList<>();

        Path file = BundleDownload.fetch(mutual(nginx.uri("/ferry.bundle")), partial, MAX, TIMEOUT,
                (received, total) -> progress.add(new long[] {received, total}));

        assertThat(file).isEqualTo(partial);
        assertThat(Files.readAllBytes(file)).isEqualTo(bundle);
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(sha256(bundle));
        assertThat(progress.getFirst()).containsExactly(0, SIZE);
        assertThat(progress.getLast()).containsExactly(SIZE, SIZE);
        assertThat(progress).extracting(at -> at[0]).isSorted();
        NginxServer.Request request = nginx.awaitRequests(1).getFirst();
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.range()).isNull();
    }

    @Test
    void withoutAClientCertificateTheServerRefusesAndSaysWhy() throws Exception {
        Source noCertificate = new Source(nginx.uri("/ferry.bundle"), tls(TlsConfig.trusting(pki.caFile().toString())), TOKEN);

        assertThatThrownBy(() -> BundleDownload.fetch(noCertificate, partial, MAX, TIMEOUT, BundleDownload.Progress.NONE))
                .isInstanceOfSatisfying(BundleRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.DOWNLOAD_REFUSED))
                .hasMessage("the update server refused the download of " + nginx.uri("/ferry.bundle")
                        + ": 400 No required SSL certificate was sent");
        assertThat(partial).doesNotExist();
    }

    @Test
    void aWrongTokenIsRefusedWithoutShowingTheTokenOrTheQuery() throws Exception {
        String wrong = "wrong-token-0123456789";
        Source source = new Source(URI.create(nginx.uri("/ferry.bundle") + "?signature=s3cr3t"), mutualContext(), wrong);

        assertThatThrownBy(() -> BundleDownload.fetch(source, partial, MAX, TIMEOUT, BundleDownload.Progress.NONE))
                .isInstanceOfSatisfying(BundleRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.DOWNLOAD_REFUSED))
                .hasMessage("the update server refused the download of " + nginx.uri("/ferry.bundle")
                        + ": 401 Authorization Required (is the token right, and still valid?)")
                .message().doesNotContain(wrong).doesNotContain("s3cr3t");
        assertThat(source.toString()).doesNotContain(wrong).doesNotContain("s3cr3t");
        assertThat(nginx.awaitRequests(1).getFirst().status()).isEqualTo(401);
    }

    @Test
    void aMissingBundleIsRefusedNamingTheUrl() {
        assertThatThrownBy(() -> BundleDownload.fetch(mutual(nginx.uri("/nothing.bundle")), partial, MAX, TIMEOUT,
                BundleDownload.Progress.NONE))
                .isInstanceOf(BundleRefused.class)
                .hasMessage("the update server refused the download of " + nginx.uri("/nothing.bundle")
                        + ": 404 Not Found (is the URL right?)");
    }

    @Test
    void plainHttpIsRefusedBeforeAnyConnection() {
        Source http = new Source(URI.create("http://127.0.0.1:" + nginx.port() + "/ferry.bundle?x=1"), null, TOKEN);

        assertThatThrownBy(() -> BundleDownload.fetch(http, partial, MAX, TIMEOUT, BundleDownload.Progress.NONE))
                .isInstanceOfSatisfying(BundleRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.DOWNLOAD_REFUSED))
                .hasMessage("updates are downloaded over HTTPS only, not http://127.0.0.1:" + nginx.port() + "/ferry.bundle");
        assertThat(nginx.requests()).isEmpty();
    }

    @Test
    void aBundleLargerThanAllowedIsRefusedAndItsPartDeleted() throws Exception {
        Files.write(partial, Arrays.copyOf(bundle, 1000));

        assertThatThrownBy(() -> BundleDownload.fetch(mutual(nginx.uri("/ferry.bundle")), partial, SIZE - 1, TIMEOUT,
                BundleDownload.Progress.NONE))
                .isInstanceOfSatisfying(BundleRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("the bundle at " + nginx.uri("/ferry.bundle") + " is larger than the " + (SIZE - 1)
                        + " bytes allowed: it is " + SIZE + " bytes");
        assertThat(partial).doesNotExist();
    }

    @Test
    void aDownloadCutMidwayIsResumedFromWhereItBrokeOff() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(nginx.address())) {
            proxy.toClient().bandwidth(SIZE); // about a second for the whole bundle, so the cut comes midway
            Source viaProxy = mutual(URI.create("https://127.0.0.1:" + proxy.port() + "/ferry.bundle"));
            AtomicBoolean cut = new AtomicBoolean();

            assertThatThrownBy(() -> BundleDownload.fetch(viaProxy, partial, MAX, TIMEOUT, (received, total) -> {
                if (received >= SIZE / 2 && cut.compareAndSet(false, true)) {
                    proxy.resetConnections();
                }
            }))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the download of https://127.0.0.1:" + proxy.port() + "/ferry.bundle broke off")
                    .hasMessageEndingWith(" of " + SIZE + " bytes; they are kept for the next attempt");
            long left = Files.size(partial);
            assertThat(left).isBetween((long) SIZE / 2, (long) SIZE - 1);
            assertThat(Files.readAllBytes(partial)).isEqualTo(Arrays.copyOf(bundle, (int) left));

            proxy.clearFaults();
            List<long[]> progress = new CopyOnWriteArrayList<>();
            BundleDownload.fetch(viaProxy, partial, MAX, TIMEOUT, (received, total) -> progress.add(new long[] {received, total}));

            assertThat(Files.readAllBytes(partial)).isEqualTo(bundle);
            assertThat(progress.getFirst()).containsExactly(left, SIZE);
            // nginx logs the cut request when it notices the reset: in either order with the second
            assertThat(nginx.awaitRequests(2)).extracting(NginxServer.Request::range, NginxServer.Request::status)
                    .containsExactlyInAnyOrder(tuple(null, 200), tuple("bytes=" + left + "-", 206));
            assertThat(nginx.requests()).filteredOn(request -> request.status() == 206).singleElement()
                    .extracting(NginxServer.Request::bodyBytes).isEqualTo(SIZE - left);
        }
    }

    @Test
    void aStalledDownloadFailsAtTheIdleLimitAndKeepsWhatArrived() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(nginx.address())) {
            proxy.toClient().bandwidth(SIZE);
            Source viaProxy = mutual(URI.create("https://127.0.0.1:" + proxy.port() + "/ferry.bundle"));

            assertThatThrownBy(() -> BundleDownload.fetch(viaProxy, partial, MAX, TIMEOUT, Duration.ofSeconds(1),
                    (received, total) -> {
                        if (received >= SIZE / 4) {
                            proxy.stall();
                        }
                    }))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the download of https://127.0.0.1:" + proxy.port()
                            + "/ferry.bundle stalled (no byte for 1 s) after ")
                    .hasMessageEndingWith("; they are kept for the next attempt");
            assertThat(Files.size(partial)).isBetween((long) SIZE / 4, (long) SIZE - 1);
        }
    }

    @Test
    void aPartThatIsAlreadyWholeEndsAtOnce() throws Exception {
        Files.write(partial, bundle);
        List<long[]> progress = new CopyOnWriteArrayList<>();

        BundleDownload.fetch(mutual(nginx.uri("/ferry.bundle")), partial, MAX, TIMEOUT,
                (received, total) -> progress.add(new long[] {received, total}));

        assertThat(Files.readAllBytes(partial)).isEqualTo(bundle);
        assertThat(progress).singleElement().satisfies(at -> assertThat(at).containsExactly(SIZE, SIZE));
        NginxServer.Request request = nginx.awaitRequests(1).getFirst();
        assertThat(request.range()).isEqualTo("bytes=" + SIZE + "-");
        assertThat(request.status()).isEqualTo(416);
    }

    @Test
    void aPartLongerThanTheBundleIsStartedOver() throws Exception {
        byte[] longer = Arrays.copyOf(bundle, SIZE + 10);
        Files.write(partial, longer);

        BundleDownload.fetch(mutual(nginx.uri("/ferry.bundle")), partial, MAX, TIMEOUT, BundleDownload.Progress.NONE);

        assertThat(Files.readAllBytes(partial)).isEqualTo(bundle);
        assertThat(nginx.awaitRequests(2)).extracting(NginxServer.Request::status).containsExactly(416, 200);
    }

    private Source mutual(URI uri) throws TlsConfigException {
        return new Source(uri, mutualContext(), TOKEN);
    }

    private SSLContext mutualContext() throws TlsConfigException {
        return tls(TlsConfig.trusting(pki.caFile().toString())
                .withIdentity(client.certFile().toString(), client.keyFile().toString(), null));
    }

    /** The context as the agent builds it from a {@code tls:} section. */
    private static SSLContext tls(TlsConfig config) throws TlsConfigException {
        return ClientTls.load(config, TlsSetup.of(Path::of, Clock.systemUTC())).current().context();
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
