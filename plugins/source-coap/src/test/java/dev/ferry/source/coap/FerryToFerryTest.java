package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Batch;
import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.Sink;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.TestPluginContext;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field gateway's CoAP sink sending to a site aggregator's CoAP ingress over DTLS with certificates, in each
 * encoding the sink offers: every reading arrives with the same name, value and time whatever the encoding, tagged
 * with its original ID as {@code origin_id}, and a batch sent again arrives with the same origin IDs.
 */
class FerryToFerryTest {

    private static final String FIELD_GATEWAY = "gw-field";
    private static final String EPOCH = "q4z7m2";

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Issued fieldGateway;
    private static RunningIngress aggregator;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        Issued site = pki.server("localhost");
        fieldGateway = pki.client(FIELD_GATEWAY).tenant("plant-3").issue();
        aggregator = RunningIngress.start("""
                type: coap
                listen: 127.0.0.1
                port: 0
                tls: {ca: %s, cert: %s, key: %s}
                """.formatted(pki.caFile(), site.certFile(), site.keyFile()), dir);
    }

    @AfterAll
    static void stop() {
        aggregator.close();
    }

    @BeforeEach
    void startEmpty() {
        aggregator.emitter().clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"senml-cbor", "senml-json", "json"})
    void everyReadingArrivesWithItsOriginalIdAndAReSendWithTheSameIds(String encoding) throws Exception {
        Batch batch = batch();
        Sink sink = sink(encoding);
        try {
            sink.open();
            sink.send(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<Reading> first = aggregator.emitter().readings();
            sink.send(batch).toCompletableFuture().get(30, TimeUnit.SECONDS); // as after a crash before the cursor moved

            Map<String, String> tags = Map.of("site", "north", "tenant", "plant-3", "device", FIELD_GATEWAY);
            Instant t = Instant.parse("2026-11-21T20:31:05.125Z");
            assertThat(first).containsExactly(
                    reading("gw-field:boiler/temperature", new Value.Num(21.5), "Cel", t, tags, 42),
                    reading("gw-field:boiler/pressure", new Value.Int(3), "bar", t, tags, 43),
                    reading("gw-field:boiler/door", new Value.Text("open"), "", t.plusSeconds(1), tags, 44),
                    new Reading("devices", "gw-field:ferry/gap", new Value.Text(GapReason.RETENTION_BYTES.label()), "",
                            aggregator.emitter().readings().get(3).time(), Map.of("tenant", "plant-3", "device",
                                    FIELD_GATEWAY)));
            List<Reading> all = aggregator.emitter().readings();
            assertThat(all.subList(first.size(), all.size())).extracting(r -> r.tags().get("origin_id"))
                    .as("the re-sent batch").containsExactlyElementsOf(originIds(first));
        } finally {
            sink.close();
        }
    }

    private static List<String> originIds(List<Reading> readings) {
        List<String> ids = new ArrayList<>();
        readings.forEach(r -> ids.add(r.tags().get("origin_id")));
        return ids;
    }

    private static Reading reading(String metric, Value value, String unit, Instant time, Map<String, String> tags,
            long seq) {
        Map<String, String> withId = new java.util.LinkedHashMap<>(tags);
        withId.put("origin_id", FIELD_GATEWAY + ":" + EPOCH + ":" + seq);
        return new Reading("devices", metric, value, unit, time, withId);
    }

    /** Three readings as the field gateway's log holds them, and a gap its retention left. */
    private static Batch batch() {
        Instant t = Instant.parse("2026-11-21T20:31:05.125Z");
        Map<String, String> tags = Map.of("site", "north");
        List<LogEntry> entries = List.of(
                stored(42, new Reading("boiler", "temperature", new Value.Num(21.5), "Cel", t, tags)),
                stored(43, new Reading("boiler", "pressure", new Value.Int(3), "bar", t, tags)),
                stored(44, new Reading("boiler", "door", new Value.Text("open"), "", t.plusSeconds(1), tags)),
                new Gap(FIELD_GATEWAY, EPOCH, 45, 54, GapReason.RETENTION_BYTES));
        return new Batch(entries);
    }

    private static StoredReading stored(long seq, Reading reading) {
        return new StoredReading(new ReadingId(FIELD_GATEWAY, EPOCH, seq), reading);
    }

    /** The field gateway's CoAP sink, made from config as its agent makes it. */
    private static Sink sink(String encoding) throws Exception {
        String config = """
                agent: {id: %s, data_dir: ./data}
                sources:
                  idle: {type: coap, insecure: {port: 0, tenant: lab}}
                sinks:
                  site:
                    type: coap
                    url: coaps://127.0.0.1:%d/readings
                    encoding: %s
                    tls: {ca: %s, cert: %s, key: %s}
                """.formatted(FIELD_GATEWAY, aggregator.source().secureAddress().orElseThrow().getPort(), encoding,
                pki.caFile(), fieldGateway.certFile(), fieldGateway.keyFile());
        ConfiguredSink sink = ConfigLoader.load(config, "ferry.yaml", ConfigFormat.YAML, dir, Map.of(),
                PluginRegistry.load(FerryToFerryTest.class.getClassLoader())).sinks().getFirst();
        return sink.create(new TestPluginContext(sink.name(), dir));
    }
}
