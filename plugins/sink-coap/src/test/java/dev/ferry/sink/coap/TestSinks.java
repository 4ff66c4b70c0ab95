package dev.ferry.sink.coap;

import dev.ferry.api.Batch;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Coap sinks made from config text, as the agent makes them, and batches of readings to send. */
final class TestSinks {

    static final String AGENT = "gw-test";
    static final String EPOCH = "e1";

    /** Every health report of a sink, in order, as {@code STATE: reason}. */
    static final class Reports implements HealthReporter {
        final List<String> all = new CopyOnWriteArrayList<>();

        @Override
        public void report(HealthState state, String reason) {
            all.add(state + ": " + reason);
        }
    }

    private TestSinks() {}

    /** A sink named {@code upstream} from {@code keys}, the lines of its section (without {@code type}), indented by 4. */
    static CoapSink create(Path dir, String keys, Reports reports) throws Exception {
        return create(dir, keys, reports, Clock.systemUTC());
    }

    static CoapSink create(Path dir, String keys, Reports reports, Clock clock) throws Exception {
        ConfiguredSink sink = configured(dir, keys);
        return (CoapSink) sink.create(new TestPluginContext(sink.name(), dir, clock, reports));
    }

    /** As {@link #create(Path, String, Reports)}, with the sink's own metrics registered in {@code metrics}. */
    static CoapSink create(Path dir, String keys, Reports reports, PluginMetricsRegistry metrics) throws Exception {
        ConfiguredSink sink = configured(dir, keys);
        return (CoapSink) sink.create(new TestPluginContext(sink.name(), dir, Clock.systemUTC(), reports,
                metrics.forComponent("sink", "coap", sink.name())));
    }

    /** The sink's failed DTLS handshakes as counted in {@code metrics}, by reason. */
    static Map<String, Double> handshakeFailures(PluginMetricsRegistry metrics) {
        Map<String, Double> byReason = new java.util.TreeMap<>();
        for (PluginMetricsRegistry.Series series : metrics.collect()) {
            if (series.family().equals("ferry_sink_coap_tls_handshake_failures")) {
                byReason.put(series.labels().get("reason"), series.value());
            }
        }
        return byReason;
    }

    static ConfiguredSink configured(Path dir, String keys) throws Exception {
        String text = """
                agent: {id: gw-test, data_dir: ./data}
                sources:
                  boiler: {type: simulated}
                sinks:
                  upstream:
                    type: coap
                """ + keys;
        LoadedConfig loaded = ConfigLoader.load(text, "ferry.yaml", ConfigFormat.YAML, dir, Map.of(),
                PluginRegistry.load(TestSinks.class.getClassLoader()));
        return loaded.sinks().getFirst();
    }

    /** {@code count} readings from {@code firstSeq} on, each of a metric {@code m<seq % 3>} with the value seq / 10. */
    static Batch readings(long firstSeq, int count) {
        List<LogEntry> entries = new ArrayList<>();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            entries.add(new StoredReading(new ReadingId(AGENT, EPOCH, seq), Reading.of("boiler", "m" + seq % 3,
                    Value.of(seq / 10.0), "Cel", Instant.ofEpochSecond(1_700_000_000L + seq))));
        }
        return new Batch(entries);
    }

    static List<String> ids(long firstSeq, int count) {
        List<String> ids = new ArrayList<>();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            ids.add(AGENT + ":" + EPOCH + ":" + seq);
        }
        return ids;
    }
}
