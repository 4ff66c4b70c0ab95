package dev.ferry.source.opcua.internal;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.source.opcua.OpcUaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an opcua source: its pki directory ({@code own}, {@code trusted}, {@code rejected} under
 * {@code <data_dir>/plugins/<name>/pki}), the application certificate, the trust list and the connector. The
 * only way in from the provider, so the stack loads when the first opcua source is created.
 */
public final class OpcUaSources {

    private static final Logger log = LoggerFactory.getLogger(OpcUaSources.class);

    private OpcUaSources() {}

    public static Source create(OpcUaConfig config, PluginContext context) throws IOException {
        String name = context.name();
        Path pki = pkiDir(context.dataDir(), name);
        Path trusted = Files.createDirectories(pki.resolve("trusted"));
        Path rejected = Files.createDirectories(pki.resolve("rejected"));
        String applicationUri = config.applicationUri() != null ? config.applicationUri()
                : "urn:ferry:" + context.agentId() + ":" + name;
        List<X509Certificate> configured = new ArrayList<>();
        for (int i = 0; i < config.trustedCerts().size(); i++) {
            Path file = context.resolve(config.trustedCerts().get(i));
            try {
                configured.addAll(Pem.readCertificates(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("sources." + name + ".trusted_certs." + i + ": cannot read \""
                        + file + "\": " + e.getMessage(), e);
            }
        }
        if (config.trustAllServers()) {
            log.warn("source {}: trust_all_servers is on: every server certificate is accepted unchecked, so anyone "
                    + "who can intercept the connection can impersonate the server; use it in a lab only", name);
        }
        TrustList trust = new TrustList(trusted, rejected, configured, config.trustAllServers());
        ApplicationIdentity identity = ApplicationIdentity.loadOrCreate(pki.resolve("own"), applicationUri,
                "Ferry " + context.agentId() + " " + name);
        List<Item> items = config.items().stream().map(Item::new).toList();
        MiloThreads threads = MiloThreads.acquire(); // released by the source's close()
        Connector connector = new Connector(config, identity, trust, threads,
                "ferry " + context.agentId() + " " + name, applicationUri);
        return new OpcUaSource(name, config, items, connector, context.health(), context.clock());
    }

    /** For tests and tools: the directory a source keeps its certificates in. */
    public static Path pkiDir(Path dataDir, String sourceName) {
        return dataDir.resolve("plugins").resolve(sourceName).resolve("pki");
    }
}
