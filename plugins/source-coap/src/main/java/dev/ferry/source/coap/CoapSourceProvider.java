package dev.ferry.source.coap;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.net.ServedPort;
import dev.ferry.api.SourceProvider;
import dev.ferry.source.coap.internal.CoapIngressSource;
import dev.ferry.source.coap.internal.TenantClaims;
import dev.ferry.source.coap.internal.payload.OriginIds;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code type: coap}: a CoAP(S) server on the gateway that sub-devices push readings to, over DTLS with client
 * certificates or pre-shared keys, or plain CoAP where that is explicitly allowed.
 */
public final class CoapSourceProvider implements SourceProvider<CoapSourceConfig> {

    @Override
    public String type() {
        return "coap";
    }

    /**
     * Who sent a reading comes from its sender's credentials only; a configured tag would relabel every device. The
     * origin ID comes from each reading; a configured one would make every reading look like a re-send of one.
     */
    @Override
    public Set<String> ownTags() {
        return Set.of(TenantClaims.TENANT_TAG, TenantClaims.DEVICE_TAG, OriginIds.TAG);
    }

    @Override
    public Class<CoapSourceConfig> configType() {
        return CoapSourceConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(CoapSourceConfig config) {
        return CoapConfigCheck.problems(config);
    }

    @Override
    public List<ConfigProblem> checkFiles(CoapSourceConfig config, Function<String, Path> resolve) {
        return config.tls() == null ? List.of() : ClientTls.checkFiles(config.tls(), "tls", resolve);
    }

    @Override
    public List<ServedPort> servedPorts(CoapSourceConfig config) {
        List<ServedPort> ports = new ArrayList<>();
        if (config.tls() != null || !config.pskDevices().isEmpty()) {
            ports.add(new ServedPort("port", config.listen(), config.port(), true));
        }
        if (config.insecure() != null) {
            ports.add(new ServedPort("insecure.port", config.listen(), config.insecure().port(), true));
        }
        return ports;
    }

    /**
     * Checks the config and loads the {@code tls} files; the endpoints open in {@link CoapIngress#start}.
     *
     * @throws TlsConfigException a certificate, key or CA file that cannot be used, its message naming the key
     */
    @Override
    public CoapIngress create(CoapSourceConfig config, PluginContext context) throws TlsConfigException {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.getFirst();
            throw new IllegalArgumentException("sources." + context.name() + "." + first.key() + ": " + first.message());
        }
        ClientTls tls = config.tls() == null ? null : ClientTls.load(config.tls(), context);
        return new CoapIngressSource(config, context, tls);
    }
}
