package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libcoap's {@code coap-client-openssl} as the sub-device, over plain CoAP, DTLS with a certificate and DTLS with a
 * pre-shared key: each request's readings are stored with the sender's tags, and the client prints the code.
 */
class LibcoapDeviceTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Issued sensor;
    private static RunningIngress ingress;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        Issued gateway = pki.server("localhost");
        sensor = pki.client("sensor-1").tenant("acme").issue();
        ingress = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                resources: [readings, plant/climate]
                tls:
                  ca: %s
                  cert: %s
                  key: %s
                psk_devices:
                  - {identity: meter-7, key: secret-7, tenant: globex}
                insecure:
                  port: 0
                  tenant: lab
                """.formatted(pki.caFile(), gateway.certFile(), gateway.keyFile()), dir);
    }

    @AfterAll
    static void stop() {
        ingress.close();
    }

    @BeforeEach
    void startEmpty() {
        ingress.emitter().clear();
    }

    @Test
    void plainCoapDeviceIsTaggedWithTheInsecureTenantAndItsAddress() throws Exception {
        Libcoap.Result result = Libcoap.post().format(110).payload("[{\"n\":\"level\",\"v\":3}]").send(ingress.coap("readings"));

        assertThat(result.code()).as("%s", result).isEqualTo("2.04");
        assertThat(ingress.emitter().readings()).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo("level");
            assertThat(r.value()).isEqualTo(new Value.Int(3));
            assertThat(r.tags()).isEqualTo(Map.of("tenant", "lab", "device", "127.0.0.1"));
        });
    }

    @Test
    void certificateDeviceSendsSenmlJsonTaggedWithItsCnAndSanTenant() throws Exception {
        Libcoap.Result result = Libcoap.post().format(110).certificate(sensor, pki.caFile())
                .payload("[{\"bn\":\"urn:dev:sensor-1:\",\"bt\":1767225600,\"bu\":\"Cel\",\"n\":\"t1\",\"v\":21.5},"
                        + "{\"n\":\"t2\",\"v\":22,\"t\":10},{\"n\":\"door\",\"vs\":\"open\",\"u\":\"\"}]")
                .send(ingress.coaps("plant/climate"));

        assertThat(result.code()).as("%s", result).isEqualTo("2.04");
        Map<String, String> tags = Map.of("tenant", "acme", "device", "sensor-1");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(ingress.emitter().readings()).containsExactly(
                new Reading("devices", "urn:dev:sensor-1:t1", new Value.Num(21.5), "Cel", t0, tags),
                new Reading("devices", "urn:dev:sensor-1:t2", new Value.Int(22), "Cel", t0.plusSeconds(10), tags),
                new Reading("devices", "urn:dev:sensor-1:door", new Value.Text("open"), "", t0, tags));
    }

    @Test
    void certificateDevicePutsSenmlCborFromAFile() throws Exception {
        Path payload = Files.write(dir.resolve("pack.cbor"), cborPack());

        Libcoap.Result result = Libcoap.put().format(112).certificate(sensor, pki.caFile()).payloadFile(payload)
                .send(ingress.coaps("readings"));

        assertThat(result.code()).as("%s", result).isEqualTo("2.04");
        assertThat(ingress.emitter().readings()).extracting(Reading::metric, Reading::value, Reading::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pump/running", new Value.Bool(true), ""),
                        org.assertj.core.groups.Tuple.tuple("pump/flow", new Value.Num(1.25), "m3/s"));
        assertThat(ingress.emitter().readings()).allSatisfy(r ->
                assertThat(r.tags()).isEqualTo(Map.of("tenant", "acme", "device", "sensor-1")));
    }

    @Test
    void pskDeviceSendsPlainJsonTaggedWithItsIdentityAndConfiguredTenant() throws Exception {
        Libcoap.Result result = Libcoap.post().format(50).psk("meter-7", "secret-7")
                .payload("[{\"metric\":\"energy\",\"value\":1042,\"unit\":\"kWh\",\"time\":\"2026-01-02T03:04:05Z\","
                        + "\"tags\":{\"phase\":\"L1\"}}]")
                .send(ingress.coaps("readings"));

        assertThat(result.code()).as("%s", result).isEqualTo("2.04");
        assertThat(ingress.emitter().readings()).containsExactly(new Reading("devices", "energy", new Value.Int(1042),
                "kWh", Instant.parse("2026-01-02T03:04:05Z"), Map.of("phase", "L1", "tenant", "globex", "device", "meter-7")));
    }

    @Test
    void aLargePackArrivesBlockWise() throws Exception {
        StringBuilder pack = new StringBuilder("[{\"bn\":\"bulk/\",\"n\":\"r0\",\"v\":0}");
        for (int i = 1; i < 100; i++) {
            pack.append(",{\"n\":\"r").append(i).append("\",\"v\":").append(i).append('}');
        }
        pack.append(']');
        assertThat(pack.length()).isGreaterThan(1500);

        Libcoap.Result result = Libcoap.post().format(110).blockSize(256).psk("meter-7", "secret-7")
                .payload(pack.toString()).send(ingress.coaps("readings"));

        assertThat(result.code()).as("%s", result).isEqualTo("2.04");
        assertThat(ingress.emitter().readings()).hasSize(100);
        assertThat(ingress.emitter().readings().getLast().metric()).isEqualTo("bulk/r99");
    }

    @Test
    void aMalformedPackGets400WithTheReasonPrintedByTheClient() throws Exception {
        Libcoap.Result result = Libcoap.post().format(110).psk("meter-7", "secret-7")
                .payload("[{\"n\":\"a\",\"v\":1},{\"n\":\"b\"}]").send(ingress.coaps("readings"));

        assertThat(result.code()).as("%s", result).isEqualTo("4.00");
        assertThat(result.stderr()).contains("4.00 record 1 (b) has no value (v, vs, vb, vd or s)");
        assertThat(ingress.emitter().readings()).isEmpty();
    }

    /** [{bn: "pump/", n: "running", vb: true}, {n: "flow", u: "m3/s", v: 1.25}] with SenML's CBOR labels. */
    private static byte[] cborPack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            g.writeStartObject();
            g.writeFieldId(-2);
            g.writeString("pump/");
            g.writeFieldId(0);
            g.writeString("running");
            g.writeFieldId(4);
            g.writeBoolean(true);
            g.writeEndObject();
            g.writeStartObject();
            g.writeFieldId(0);
            g.writeString("flow");
            g.writeFieldId(1);
            g.writeString("m3/s");
            g.writeFieldId(2);
            g.writeNumber(1.25);
            g.writeEndObject();
            g.writeEndArray();
        }
        return out.toByteArray();
    }

}
