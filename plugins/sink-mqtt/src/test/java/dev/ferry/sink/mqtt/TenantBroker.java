package dev.ferry.sink.mqtt;

import dev.ferry.api.Sink;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import dev.ferry.testkit.TestPluginContext;
import dev.ferry.testkit.mqtt.MosquittoBroker;
import dev.ferry.testkit.mqtt.MosquittoConfig;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Mosquitto set up as multi-tenant platforms are: mutual TLS, the client certificate's name as the user name, and
 * each user allowed to publish below {@code tenants/<user>/} only. The gateway's certificate names tenant
 * {@code acme}. A recorder on the plain listener (anonymous, allowed to read everything) sees what got through.
 */
final class TenantBroker implements AutoCloseable {

    static final String ACL = """
            topic read #
            pattern readwrite tenants/%u/#
            """;

    private final MosquittoBroker broker;
    private final Issued gateway;
    private final Path caFile;
    private final Path dir;

    private TenantBroker(MosquittoBroker broker, Issued gateway, Path caFile, Path dir) {
        this.broker = broker;
        this.gateway = gateway;
        this.caFile = caFile;
        this.dir = dir;
    }

    /** @param configLines further lines of Mosquitto's configuration */
    static TenantBroker start(Path dir, String... configLines) throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Issued server = pki.server("localhost");
        MosquittoConfig config = MosquittoBroker.builder(Files.createDirectories(dir.resolve("broker")))
                .tls(new MosquittoConfig.Tls(pki.caFile(), server.certFile(), server.keyFile(), true, null, true))
                .acl(ACL)
                .maxInflightMessages(1000);
        for (String line : configLines) {
            config.line(line);
        }
        MosquittoBroker broker = config.start();
        return new TenantBroker(broker, pki.client("acme").issue(), pki.caFile(), dir);
    }

    MqttRecorder recorder() throws Exception {
        return MqttRecorder.on(broker).topics("#").start();
    }

    /** A sink made by its provider from these keys (under {@code type: mqtt}, with URL and TLS filled in). */
    MqttSink sink(String name, String keys) throws Exception {
        String yaml = """
                agent: {id: gw-test, data_dir: ./data}
                sources:
                  boiler: {type: test}
                sinks:
                  %s:
                    type: mqtt
                    url: mqtts://localhost:%d
                    tls: {ca: "%s", cert: "%s", key: "%s"}
                    connect_timeout: 5s
                """.formatted(name, broker.tlsPort(), caFile, gateway.certFile(), gateway.keyFile())
                + keys.indent(4);
        PluginRegistry registry = PluginRegistry.of(List.of(new TestSourceProvider()), List.of(new MqttSinkProvider(), new StdoutStandIn()));
        LoadedConfig config = ConfigLoader.load(yaml, "ferry.yaml", ConfigFormat.YAML, dir, Map.of(), registry);
        Sink sink = config.sinks().getFirst().create(new TestPluginContext(name, dir));
        return (MqttSink) sink;
    }

    String log() {
        return broker.log();
    }

    @Override
    public void close() {
        broker.close();
    }
}
