package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.time.ManualTicker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-device token bucket, on a manual clock: a burst passes, then 4.29, then requests pass again as time moves. */
class RateLimitTest {

    private static final String PACK = "[{\"n\":\"t\",\"v\":1}]";

    @TempDir
    Path dir;

    private final ManualTicker ticker = new ManualTicker();
    private RunningIngress ingress;
    private CfDevice chatty;
    private CfDevice quiet;

    @BeforeEach
    void start() throws Exception {
        ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                rate_limit: {rate: 2, burst: 3}
                psk_devices:
                  - {identity: chatty, key: key-1, tenant: acme}
                  - {identity: quiet, key: key-2, tenant: acme}
                """, dir, ticker.clock());
        chatty = CfDevice.psk("chatty", "key-1");
        quiet = CfDevice.psk("quiet", "key-2");
    }

    @AfterEach
    void stop() {
        chatty.close();
        quiet.close();
        ingress.close();
    }

    @Test
    void aBurstPassesThenTheDeviceIsToldToWaitUntilItsBucketRefills() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(chatty).code()).as("request %d of the burst", i).isEqualTo("2.04");
        }
        CfDevice.Outcome limited = send(chatty);
        assertThat(limited.code()).isEqualTo("4.29");
        assertThat(limited.diagnostic()).isEqualTo("rate limit: send again in 1 s");
        assertThat(limited.response().getOptions().getMaxAge()).isEqualTo(1);

        assertThat(send(quiet).code()).as("another device has its own bucket").isEqualTo("2.04");

        ticker.advance(Duration.ofMillis(499));
        assertThat(send(chatty).code()).as("half a token is not enough").isEqualTo("4.29");
        ticker.advance(Duration.ofMillis(1));
        assertThat(send(chatty).code()).as("one token after 0.5 s at 2/s").isEqualTo("2.04");
        assertThat(send(chatty).code()).isEqualTo("4.29");

        ticker.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(send(chatty).code()).as("a full bucket again, never more than the burst").isEqualTo("2.04");
        }
        assertThat(send(chatty).code()).isEqualTo("4.29");

        assertThat(ingress.counts().refused(Refusal.RATE_LIMITED)).isEqualTo(4);
        assertThat(ingress.counts().acceptedRequests()).isEqualTo(8);
        assertThat(ingress.emitter().readings()).hasSize(8);
    }

    private CfDevice.Outcome send(CfDevice device) throws InterruptedException {
        return device.post(ingress.coaps("readings"), 110, PACK);
    }
}
