package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code max_sessions} bounds the DTLS sessions held: with all taken by active devices, a new device gets none. */
class SessionLimitTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceBeyondMaxSessionsGetsNoSessionWhileTheOthersKeepTheirs() throws Exception {
        try (RunningIngress ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                max_sessions: 2
                psk_devices:
                  - {identity: dev-1, key: key-1, tenant: acme}
                  - {identity: dev-2, key: key-2, tenant: acme}
                  - {identity: dev-3, key: key-3, tenant: acme}
                """, dir);
             CfDevice first = CfDevice.psk("dev-1", "key-1");
             CfDevice second = CfDevice.psk("dev-2", "key-2");
             CfDevice third = CfDevice.psk("dev-3", "key-3")) {
            assertThat(post(first, ingress, 5000)).isEqualTo("2.04");
            assertThat(post(second, ingress, 5000)).isEqualTo("2.04");

            assertThat(post(third, ingress, 3000)).as("no room for a third session").isEqualTo("none");

            assertThat(post(first, ingress, 5000)).isEqualTo("2.04");
            assertThat(post(second, ingress, 5000)).isEqualTo("2.04");
            assertThat(ingress.emitter().readings()).extracting(r -> r.tags().get("device"))
                    .containsExactly("dev-1", "dev-2", "dev-1", "dev-2");
        }
    }

    private static String post(CfDevice device, RunningIngress ingress, long waitMillis) throws InterruptedException {
        Request request = Request.newPost();
        request.setURI(ingress.coaps("readings"));
        request.getOptions().setContentFormat(110);
        request.setPayload("[{\"n\":\"t\",\"v\":1}]".getBytes(StandardCharsets.UTF_8));
        return device.send(request, waitMillis).code();
    }
}
