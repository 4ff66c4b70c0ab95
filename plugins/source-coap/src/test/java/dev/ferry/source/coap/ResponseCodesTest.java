package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Californium devices against the ingress: each refusal with its code, diagnostic and count, and nothing stored. */
class ResponseCodesTest {

    private static final int SENML_JSON = 110;
    private static final String ONE_READING = "[{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]";

    @TempDir
    Path dir;

    private RunningIngress ingress;
    private CfDevice device;

    @BeforeEach
    void start() throws Exception {
        ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                max_body_size: 1KiB
                max_in_flight: 2
                psk_devices:
                  - {identity: dev-1, key: key-1, tenant: acme}
                insecure: {port: 0, tenant: lab}
                """, dir);
        device = CfDevice.plain();
    }

    @AfterEach
    void stop() {
        device.close();
        ingress.close();
    }

    @Test
    void aGoodPackIsStoredAndAnswered204() throws Exception {
        CfDevice.Outcome outcome = device.post(ingress.coap("readings"), SENML_JSON, ONE_READING);

        assertThat(outcome.code()).isEqualTo("2.04");
        assertThat(ingress.emitter().readings()).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo("temperature");
            assertThat(r.value()).isEqualTo(new Value.Num(21.5));
            assertThat(r.unit()).isEqualTo("Cel");
            assertThat(r.tags()).isEqualTo(Map.of("tenant", "lab", "device", "127.0.0.1"));
        });
        assertThat(ingress.counts().acceptedRequests()).isEqualTo(1);
        assertThat(ingress.counts().storedReadings()).isEqualTo(1);
    }

    @Test
    void anUnknownResourceIs404() throws Exception {
        assertRefused(device.post(ingress.coap("elsewhere"), SENML_JSON, ONE_READING), "4.04",
                "no resource /elsewhere here; readings go to [/readings]", Refusal.UNKNOWN_RESOURCE);
    }

    @Test
    void aMethodOtherThanPostOrPutIs405() throws Exception {
        Request get = Request.newGet();
        get.setURI(ingress.coap("readings"));
        assertRefused(device.send(get), "4.05", "GET is not accepted here; send readings with POST or PUT",
                Refusal.METHOD_NOT_ALLOWED);
    }

    @Test
    void aFormatNotReadHereIs415AndSoIsNoFormatWithoutADefault() throws Exception {
        assertRefused(device.post(ingress.coap("readings"), 0, "t=21.5"), "4.15",
                "Content-Format 0 is not read here; send 110 (SenML JSON), 112 (SenML CBOR) or 50 (JSON)",
                Refusal.UNSUPPORTED_FORMAT);
        assertRefused(device.post(ingress.coap("readings"), -1, ONE_READING), "4.15",
                "the request has no Content-Format; send 110 (SenML JSON), 112 (SenML CBOR) or 50 (JSON)",
                Refusal.UNSUPPORTED_FORMAT);
        assertThat(ingress.counts().refused(Refusal.UNSUPPORTED_FORMAT)).isEqualTo(2);
    }

    @Test
    void aPackWithOneBadRecordIs400AndStoresNoneOfIt() throws Exception {
        assertRefused(device.post(ingress.coap("readings"), SENML_JSON, "[{\"n\":\"a\",\"v\":1},{\"n\":\"b\",\"v\":\"x\"}]"),
                "4.00", "record 1: `v` must be a number, got text", Refusal.MALFORMED);
        assertThat(ingress.emitter().malformed()).containsExactly(
                "device 127.0.0.1 of tenant lab: record 1: `v` must be a number, got text");
    }

    @Test
    void aBodyLargerThanTheLimitInOneDatagramIs413WithTheLimitInSize1() throws Exception {
        try (CfDevice big = CfDevice.plain(c -> {
            c.set(CoapConfig.MAX_MESSAGE_SIZE, 1400);
            c.set(CoapConfig.BLOCKWISE_ENTITY_TOO_LARGE_AUTO_FAILOVER, false); // else it tries again block-wise
        })) {
            CfDevice.Outcome outcome = big.post(ingress.coap("readings"), SENML_JSON, pack(1200));
            assertRefused(outcome, "4.13", "the body is " + pack(1200).length() + " bytes; at most 1024 are accepted",
                    Refusal.TOO_LARGE);
            assertThat(outcome.response().getOptions().getSize1()).isEqualTo(1024);
            assertThat(ingress.counts().refused(Refusal.TOO_LARGE)).isEqualTo(1);
        }
    }

    @Test
    void aBlockWiseUploadIsReassembledUpToTheLimitAndRefused413Beyond() throws Exception {
        try (CfDevice blocks = CfDevice.plain(c -> {
            c.set(CoapConfig.MAX_MESSAGE_SIZE, 128);
            c.set(CoapConfig.PREFERRED_BLOCK_SIZE, 128);
        })) {
            String fits = pack(1000);
            assertThat(blocks.post(ingress.coap("readings"), SENML_JSON, fits).code()).isEqualTo("2.04");
            assertThat(ingress.emitter().readings()).hasSize(count(fits));

            CfDevice.Outcome tooBig = blocks.post(ingress.coap("readings"), SENML_JSON, pack(3000));
            assertThat(tooBig.code()).isEqualTo("4.13");
            assertThat(ingress.counts().refused(Refusal.TOO_LARGE)).isEqualTo(1);
            assertThat(ingress.emitter().readings()).hasSize(count(fits));
        }
    }

    @Test
    void aReadingTheLogCannotStoreIs503() throws Exception {
        ingress.emitter().commitWith(batch -> CompletableFuture.failedFuture(new IOException("no space left on device")));

        CfDevice.Outcome outcome = device.post(ingress.coap("readings"), SENML_JSON, ONE_READING);

        assertRefused(outcome, "5.03", "not stored: no space left on device; send again", Refusal.NOT_STORED);
        assertThat(outcome.response().getOptions().getMaxAge()).isEqualTo(1);
        assertThat(ingress.counts().acceptedRequests()).isZero();
    }

    @Test
    void aSlowCommitIsAcknowledgedFirstAndAnsweredWhenDurable() throws Exception {
        ingress.emitter().commitWith(batch -> CompletableFuture.runAsync(() -> {},
                CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS)));

        CfDevice.Outcome outcome = device.post(ingress.coap("readings"), SENML_JSON, ONE_READING);

        assertThat(outcome.code()).isEqualTo("2.04");
        assertThat(outcome.response().getType()).as("a separate response").isNotEqualTo(CoAP.Type.ACK);
        assertThat(ingress.emitter().readings()).hasSize(1);
    }

    @Test
    void requestsBeyondMaxInFlightAre503UntilTheOthersAreStored() throws Exception {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        ingress.emitter().commitWith(batch -> commit);
        CopyOnWriteArrayList<String> held = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread.ofVirtual().start(() -> {
                try (CfDevice waiting = CfDevice.plain()) {
                    held.add(waiting.post(ingress.coap("readings"), SENML_JSON, ONE_READING).code());
                } catch (Exception e) {
                    held.add(e.toString());
                }
            });
        }
        // Both requests reached the log, whose commit is held.
        await().atMost(Duration.ofSeconds(20)).until(() -> ingress.emitter().pending() == 2);

        try (CfDevice third = CfDevice.plain()) {
            assertRefused(third.post(ingress.coap("readings"), SENML_JSON, ONE_READING), "5.03",
                    "2 requests are being stored already; send again shortly", Refusal.BUSY);
        }
        commit.complete(null);
        await().atMost(Duration.ofSeconds(20)).until(() -> held.size() == 2);
        assertThat(held).containsExactly("2.04", "2.04");
    }

    @Test
    void aDefaultFormatTakesRequestsWithoutContentFormat() throws Exception {
        try (RunningIngress lenient = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                insecure: {port: 0, tenant: lab}
                default_format: json
                """, dir)) {
            assertThat(device.post(lenient.coap("readings"), -1, "{\"level\": 3}").code()).isEqualTo("2.04");
            assertThat(lenient.emitter().readings()).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(new Value.Int(3)));
        }
    }

    private void assertRefused(CfDevice.Outcome outcome, String code, String diagnostic, Refusal reason) {
        assertThat(outcome.code()).as("%s", outcome).isEqualTo(code);
        assertThat(outcome.diagnostic()).isEqualTo(diagnostic);
        assertThat(ingress.counts().refused(reason)).isPositive();
        assertThat(ingress.counts().refusals()).allSatisfy((r, n) -> assertThat(n).as("%s", r).isEqualTo(r == reason
                ? ingress.counts().refused(reason) : 0L));
        assertThat(ingress.emitter().readings()).isEmpty();
    }

    /** A SenML pack of about {@code bytes} bytes. */
    private static String pack(int bytes) {
        StringBuilder pack = new StringBuilder("[{\"bn\":\"dev-1:\",\"n\":\"r0\",\"v\":0}");
        for (int i = 1; pack.length() < bytes - 20; i++) {
            pack.append(",{\"n\":\"r").append(i).append("\",\"v\":").append(i).append('}');
        }
        return pack.append(']').toString();
    }

    private static int count(String pack) {
        return pack.split("\"v\"").length - 1;
    }
}
