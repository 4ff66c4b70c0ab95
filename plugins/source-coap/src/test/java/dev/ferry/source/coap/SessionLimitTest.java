package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max_sessions} bounds the DTLS sessions held, but never locks a device out: a session its device closes
 * frees its slot at once, and with every slot taken by a live session the least recently used one makes room.
 */
class SessionLimitTest {

    private static final String TWO_SESSIONS = """
            type: coap
            listen: 127.0.0.1
            port: 0
            max_sessions: 2
            psk_devices:
              - {identity: dev-1, key: key-1, tenant: acme}
              - {identity: dev-2, key: key-2, tenant: acme}
              - {identity: dev-3, key: key-3, tenant: acme}
            """;

    @TempDir
    Path dir;

    @Test
    void withEverySlotTakenByALiveSessionANewcomerGetsInAndTheLeastRecentlyUsedSessionIsEvicted() throws Exception {
        try (RunningIngress ingress = RunningIngress.start(TWO_SESSIONS, dir);
             CfDevice first = CfDevice.psk("dev-1", "key-1");
             CfDevice second = CfDevice.psk("dev-2", "key-2");
             CfDevice newcomer = CfDevice.psk("dev-3", "key-3")) {
            assertThat(post(first, ingress)).isEqualTo("2.04");
            assertThat(post(second, ingress)).isEqualTo("2.04");

            assertThat(post(newcomer, ingress)).as("a third device while both slots hold live sessions").isEqualTo("2.04");
            assertThat(ingress.counts().sessionsEvicted()).isEqualTo(1);

            assertThat(post(second, ingress)).as("the more recently used session was kept").isEqualTo("2.04");
            first.forgetSession(); // the evicted device starts a new handshake, as after a gateway restart
            assertThat(post(first, ingress)).isEqualTo("2.04");
            assertThat(ingress.counts().sessionsEvicted()).isEqualTo(2);
            assertThat(ingress.counts().sessionsRefusedForRoom()).isZero();
            assertThat(ingress.emitter().readings()).extracting(r -> r.tags().get("device"))
                    .containsExactly("dev-1", "dev-2", "dev-3", "dev-2", "dev-1");
        }
    }

    @Test
    void aSessionClosedByItsDeviceFreesItsSlotAtOnce() throws Exception {
        try (RunningIngress ingress = RunningIngress.start(TWO_SESSIONS, dir);
             CfDevice first = CfDevice.psk("dev-1", "key-1");
             CfDevice second = CfDevice.psk("dev-2", "key-2");
             CfDevice third = CfDevice.psk("dev-3", "key-3")) {
            assertThat(post(first, ingress)).isEqualTo("2.04");
            assertThat(post(second, ingress)).isEqualTo("2.04");

            second.closeSession(gateway(ingress));
            await().atMost(Duration.ofSeconds(10)).until(() -> ingress.counts().sessionsClosedByDevices() == 1);

            assertThat(post(third, ingress)).isEqualTo("2.04");
            assertThat(post(first, ingress)).as("the open session was not touched").isEqualTo("2.04");
            assertThat(ingress.counts().sessionsEvicted()).isZero();
        }
    }

    private static InetSocketAddress gateway(RunningIngress ingress) {
        return new InetSocketAddress("127.0.0.1", ingress.source().secureAddress().orElseThrow().getPort());
    }

    private static String post(CfDevice device, RunningIngress ingress) throws InterruptedException {
        return device.post(ingress.coaps("readings"), 110, "[{\"n\":\"t\",\"v\":1}]").code();
    }
}
