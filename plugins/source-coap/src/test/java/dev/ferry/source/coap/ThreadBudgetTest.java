package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Californium's pools are cut to a thread each: a DTLS endpoint (certificates and pre-shared keys) and a plain one
 * together add at most {@value #BUDGET} platform threads, and closing the source ends them all.
 */
class ThreadBudgetTest {

    private static final int BUDGET = 6;
    private static final String PACK = "[{\"n\":\"t\",\"v\":1}]";

    @TempDir
    Path dir;

    @Test
    void bothEndpointsTogetherStayWithinTheThreadBudgetAndCloseEndsThem() throws Exception {
        TestPki pki = TestPki.create(dir);
        Issued gateway = pki.server("localhost");
        Set<Thread> before = platformThreads();
        List<String> added;
        try (RunningIngress ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                psk_devices:
                  - {identity: meter-7, key: secret-7, tenant: globex}
                insecure: {port: 0, tenant: lab}
                """.formatted(pki.caFile(), gateway.certFile(), gateway.keyFile()), dir)) {
            // Devices in other processes, so that every new thread here is the gateway's.
            assertThat(Libcoap.post().format(110).psk("meter-7", "secret-7").payload(PACK).send(ingress.coaps("readings"))
                    .code()).isEqualTo("2.04");
            assertThat(Libcoap.post().format(110).payload(PACK).send(ingress.coap("readings")).code()).isEqualTo("2.04");
            added = platformThreads().stream().filter(t -> !before.contains(t) && !isJdkThread(t))
                    .map(Thread::getName).sorted().toList();
            System.out.println("ingress threads: " + added.size() + " " + added);
        }
        assertThat(added).hasSizeLessThanOrEqualTo(BUDGET);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                platformThreads().stream().filter(t -> !before.contains(t)).noneMatch(t -> added.contains(t.getName())));
    }

    /** The JDK's own, started on first use: the scheduler of virtual threads, and the watcher of child processes. */
    private static boolean isJdkThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith("ForkJoinPool-") || name.startsWith("VirtualThread-") || name.equals("process reaper");
    }

    private static Set<Thread> platformThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isVirtual() && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }
}
