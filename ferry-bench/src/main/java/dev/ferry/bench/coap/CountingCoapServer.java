package dev.ferry.bench.coap;

import dev.ferry.bench.count.Options;
import dev.ferry.bench.count.ReadingTally;
import dev.ferry.bench.count.TallyRun;
import dev.ferry.coap.CoapConfigurations;
import dev.ferry.coap.DtlsCredentials;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsIdentity;
import dev.ferry.tls.TlsSetup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * The upstream end of the CoAP uplink benchmark: a Californium server with one resource that answers every POST or PUT
 * with 2.04 and counts the readings in it by sequence number, until every reading of the expected range has arrived,
 * nothing arrived for {@code --idle} seconds, or {@code --timeout} passed. With {@code --ca}, {@code --cert} and
 * {@code --key} (PEM files) it listens for DTLS with client certificates required; else plain CoAP.
 *
 * <p>Usage: {@code CountingCoapServer --ready FILE [--port 0] [--path readings] [--ca F --cert F --key F]
 * [--first-seq S] [--expect N] [--timeout 600] [--idle 30] [--results FILE]}; the bound port is written to the
 * ready file.
 */
public final class CountingCoapServer {

    private static final Set<String> OPTIONS = Set.of("port", "path", "ca", "cert", "key", "first-seq", "expect",
            "timeout", "idle", "ready", "results");

    private CountingCoapServer() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit("CountingCoapServer", args, OPTIONS, "ready");
        long expected = options.number("expect", 0);
        ReadingTally tally = new ReadingTally(options.number("first-seq", 0), expected, Clock.systemUTC());

        Configuration config = CoapConfigurations.fresh();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 8 * 1024 * 1024);
        CoapServer server = new CoapServer(config);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", (int) options.number("port", 0));
        CoapEndpoint.Builder endpoint = new CoapEndpoint.Builder().setConfiguration(config);
        if (options.text("cert", "").isEmpty()) {
            endpoint.setInetSocketAddress(address);
        } else {
            TlsIdentity identity = ClientTls.load(TlsConfig.trusting(options.required("ca"))
                    .withIdentity(options.required("cert"), options.required("key"), null),
                    TlsSetup.of(Path::of, Clock.systemUTC()))
                    .current();
            config.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
            endpoint.setConnector(new DTLSConnector(DtlsConnectorConfig.builder(config).setAddress(address)
                    .setCertificateIdentityProvider(DtlsCredentials.certificateProvider(identity))
                    .setAdvancedCertificateVerifier(DtlsCredentials.verifier(identity))
                    .build()));
        }
        CoapEndpoint bound = endpoint.build();
        server.addEndpoint(bound);
        server.add(new CountingResource(options.text("path", "readings"), tally));
        server.start();
        Files.writeString(options.path("ready"), bound.getAddress().getPort() + "\n");

        ReadingTally.Snapshot result = TallyRun.await("CountingCoapServer", tally,
                options.seconds("timeout", Duration.ofMinutes(10)), options.seconds("idle", Duration.ofSeconds(30)));
        server.destroy();
        TallyRun.report("CountingCoapServer", result, expected, "serverCpuSeconds", Path.of(options.text("results", "")));
        System.exit(result.complete() || expected == 0 ? 0 : 1);
    }

    /** Counts the readings of each request and answers 2.04 Changed; a payload it cannot read gets 4.00. */
    private static final class CountingResource extends CoapResource {

        private final ReadingTally tally;

        CountingResource(String path, ReadingTally tally) {
            super(path);
            this.tally = tally;
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            count(exchange);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            count(exchange);
        }

        private void count(CoapExchange exchange) {
            byte[] payload = exchange.getRequestPayload();
            int[] expectedInIt = {0};
            try {
                int found = ReadingIds.scan(payload, exchange.getRequestOptions().getContentFormat()
                        == MediaTypeRegistry.APPLICATION_SENML_CBOR, seq -> expectedInIt[0] += tally.reading(seq) ? 1 : 0);
                tally.message(getURI(), payload.length, found, expectedInIt[0]);
                exchange.respond(ResponseCode.CHANGED);
            } catch (Exception e) {
                exchange.respond(ResponseCode.BAD_REQUEST, "cannot read the readings: " + e.getMessage());
            }
        }
    }
}
