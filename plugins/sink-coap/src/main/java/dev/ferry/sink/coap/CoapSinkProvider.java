package dev.ferry.sink.coap;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import dev.ferry.sink.coap.internal.DtlsAlgorithms;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code type: coap} — readings sent to a CoAP server as confirmable requests, over DTLS 1.2. */
public final class CoapSinkProvider implements SinkProvider<CoapSinkConfig> {

    /** The block sizes RFC 7959 allows (SZX 0 to 6). */
    private static final List<Long> BLOCK_SIZES = List.of(16L, 32L, 64L, 128L, 256L, 512L, 1024L);

    @Override
    public String type() {
        return "coap";
    }

    @Override
    public Class<CoapSinkConfig> configType() {
        return CoapSinkConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(CoapSinkConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            ServerAddress server = ServerAddress.parse(config.url());
            if (server.secure()) {
                if (config.tls() == null && config.psk() == null) {
                    problems.add(new ConfigProblem("url", "coaps:// needs a tls section (certificates) or a psk section"
                            + " (pre-shared key)"));
                }
            } else {
                if (!server.loopback() && !config.insecure()) {
                    problems.add(new ConfigProblem("url", "plain UDP to " + server.host() + " would send readings in clear;"
                            + " use coaps:// or set insecure: true"));
                }
                if (config.tls() != null) {
                    problems.add(new ConfigProblem("tls", "a tls section needs a coaps:// url, the url is " + config.url()));
                }
                if (config.psk() != null) {
                    problems.add(new ConfigProblem("psk", "a psk section needs a coaps:// url, the url is " + config.url()));
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("url", e.getMessage()));
        }
        if (config.tls() != null && config.psk() != null) {
            problems.add(new ConfigProblem("psk", "set either tls (certificates) or psk (pre-shared key), not both"));
        }
        if (!BLOCK_SIZES.contains(config.blockSize().bytes())) {
            problems.add(new ConfigProblem("block_size", "must be 16B, 32B, 64B, 128B, 256B, 512B or 1KiB, was "
                    + config.blockSize()));
        }
        if (config.nstart() > 1 && config.maxPayload().bytes() > config.blockSize().bytes()) {
            // RFC 7959 ties a block-wise transfer to the resource: two at once to the same URL would mix their blocks.
            problems.add(new ConfigProblem("nstart", "block-wise requests to one resource cannot overlap; with nstart "
                    + config.nstart() + " keep max_payload (" + config.maxPayload() + ") at most block_size ("
                    + config.blockSize() + "), or set nstart: 1"));
        }
        if (config.tls() != null) {
            problems.addAll(DtlsAlgorithms.check(config.tls(), "tls"));
        }
        return problems;
    }

    @Override
    public List<ConfigProblem> checkFiles(CoapSinkConfig config, Function<String, Path> resolve) {
        return config.tls() == null ? List.of() : ClientTls.checkFiles(config.tls(), "tls", resolve);
    }

    @Override
    public Sink create(CoapSinkConfig config, PluginContext context) throws Exception {
        ServerAddress server = ServerAddress.parse(config.url());
        ClientTls tls = server.secure() && config.tls() != null ? ClientTls.load(config.tls(), context) : null;
        TlsMetrics tlsMetrics = server.secure() ? TlsMetrics.register(context.metrics(), tls) : null;
        return new CoapSink(config, server, tls, tlsMetrics, context);
    }
}
