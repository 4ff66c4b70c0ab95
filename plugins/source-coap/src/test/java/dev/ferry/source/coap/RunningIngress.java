package dev.ferry.source.coap;

import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.metrics.PluginMetricsRegistry;
import dev.ferry.testkit.TestPluginContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;

/** A {@code coap} source started on its own with a {@link RecordingEmitter}, on free loopback ports. */
final class RunningIngress implements AutoCloseable {

    private final CoapIngress source;
    private final RecordingEmitter emitter = new RecordingEmitter();

    private RunningIngress(CoapIngress source) throws Exception {
        this.source = source;
        source.start(emitter);
    }

    /** Starts {@code section} ({@code listen}, {@code port} and {@code insecure.port} are the caller's to set to 127.0.0.1 and 0). */
    static RunningIngress start(String section, Path dir, Clock clock) throws Exception {
        return start(section, dir, clock, new PluginMetricsRegistry());
    }

    /** With the ingress's own figures registered in {@code metrics}. */
    static RunningIngress start(String section, Path dir, Clock clock, PluginMetricsRegistry metrics) throws Exception {
        ConfiguredSource configured = IngressConfigs.load(section, dir);
        return new RunningIngress((CoapIngress) configured.create(new TestPluginContext(IngressConfigs.SOURCE, dir, clock,
                (state, reason) -> { }, metrics.forComponent("source", "coap", IngressConfigs.SOURCE))));
    }

    static RunningIngress start(String section, Path dir) throws Exception {
        return start(section, dir, Clock.systemUTC());
    }

    CoapIngress source() {
        return source;
    }

    RecordingEmitter emitter() {
        return emitter;
    }

    IngressCounts counts() {
        return source.counts();
    }

    /** {@code coaps://127.0.0.1:PORT/path}. */
    String coaps(String path) {
        return uri("coaps", source.secureAddress().orElseThrow(), path);
    }

    /** {@code coap://127.0.0.1:PORT/path}. */
    String coap(String path) {
        return uri("coap", source.plainAddress().orElseThrow(), path);
    }

    private static String uri(String scheme, InetSocketAddress address, String path) {
        return scheme + "://127.0.0.1:" + address.getPort() + "/" + path;
    }

    @Override
    public void close() {
        source.close();
    }
}
