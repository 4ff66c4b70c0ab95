package dev.ferry.it.mqtt;

import dev.ferry.testkit.http.NginxServer;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real update server for the tests: nginx serving a bundle over HTTPS, asking for a client certificate of the test
 * PKI and a bearer token; the gateway's certificate and the token file are in the test's folder.
 */
record UpdateServer(NginxServer nginx, Path bundle, Issued gateway, Path caFile, Path tokenFile) implements AutoCloseable {

    static final String TOKEN = "download-token-0123456789abcdef";

    static UpdateServer serving(Path work, Path bundle) throws IOException, InterruptedException {
        TestPki pki = TestPki.create(work.resolve("pki"));
        Issued gateway = pki.client("gw-01").issue();
        Issued server = pki.server("localhost");
        Path served = Files.createDirectories(work.resolve("served"));
        Files.copy(bundle, served.resolve(bundle.getFileName()));
        Path tokenFile = Files.writeString(work.resolve("update-token"), TOKEN + "\n");
        NginxServer nginx = NginxServer.start(work.resolve("nginx"), served,
                new NginxServer.Tls(pki.caFile(), server.certFile(), server.keyFile()), TOKEN);
        return new UpdateServer(nginx, bundle, gateway, pki.caFile(), tokenFile);
    }

    /** The bundle's URL on this server. */
    String url() {
        return nginx.uri("/" + bundle.getFileName()).toString();
    }

    /** The {@code update:} section that downloads from it. */
    String updateSection() {
        return """
                update:
                  trusted_keys: [./operator.pub]
                  token_file: "%s"
                  tls: {ca: "%s", cert: "%s", key: "%s"}
                """.formatted(tokenFile, caFile, gateway.certFile(), gateway.keyFile());
    }

    @Override
    public void close() {
        nginx.close();
    }
}
