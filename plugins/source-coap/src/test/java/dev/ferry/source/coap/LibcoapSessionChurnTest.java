package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices that open a DTLS session for every request and close it with close_notify, as libcoap's client does per
 * run and battery devices do between sleeps: with the default {@code max_sessions} (256), far more sessions than
 * slots come and go, and every one is answered 2.04 with its reading stored.
 */
class LibcoapSessionChurnTest {

    private static final int SESSIONS = 1_000;
    private static final int DEVICES = 10;
    /** Clients running at once. */
    private static final int AT_ONCE = 3;

    @TempDir
    Path dir;

    @Test
    void aThousandSessionsInARowAreAllAnsweredAndStored() throws Exception {
        TestPki pki = TestPki.create(dir);
        Issued gateway = pki.server("localhost");
        List<Issued> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            devices.add(pki.client("meter-" + i).tenant("acme").issue());
        }
        try (RunningIngress ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tls: {ca: %s, cert: %s, key: %s}
                # Churn, not the rate limit, is under test: a fast machine runs well over 10 sessions/s per device.
                rate_limit: {rate: 10000, burst: 10000}
                """.formatted(pki.caFile(), gateway.certFile(), gateway.keyFile()), dir)) {
            Set<String> failures = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
                for (int c = 0; c < AT_ONCE; c++) {
                    clients.add(pool.submit(() -> {
                        // Stops at the first failure: a device locked out would otherwise wait out every later run.
                        for (int n = next.getAndIncrement(); n < SESSIONS && failures.isEmpty(); n = next.getAndIncrement()) {
                            Libcoap.Result result = Libcoap.post().format(110)
                                    .certificate(devices.get(n % DEVICES), pki.caFile())
                                    .payload("[{\"n\":\"session\",\"v\":" + n + "}]").send(ingress.coaps("readings"));
                            if (!"2.04".equals(result.code())) {
                                failures.add("session " + n + ": " + result);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> client : clients) {
                    client.get();
                }
            }

            assertThat(failures).isEmpty();
            List<Reading> stored = ingress.emitter().readings();
            Set<Long> numbers = stored.stream().map(r -> ((Value.Int) r.value()).value())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(stored).hasSize(SESSIONS);
            assertThat(numbers).containsExactlyElementsOf(IntStream.range(0, SESSIONS).mapToObj(n -> (long) n).toList());
            assertThat(stored).allSatisfy(r -> assertThat(r.tags().get("device"))
                    .isEqualTo("meter-" + ((Value.Int) r.value()).value() % DEVICES));
            assertThat(ingress.counts().sessionsClosedByDevices()).as("libcoap closes each session").isEqualTo(SESSIONS);
            assertThat(ingress.counts().sessionsRefusedForRoom()).isZero();
        }
    }
}
