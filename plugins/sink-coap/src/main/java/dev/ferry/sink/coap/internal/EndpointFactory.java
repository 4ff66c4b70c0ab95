package dev.ferry.sink.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.coap.DtlsCredentials;
import dev.ferry.sink.coap.CoapSinkConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Builds the sink's client endpoint: plain UDP, or DTLS 1.2 with certificates or a pre-shared key, bound to an
 * ephemeral port on every interface. All of Californium's timers and stages run on the executor given, so the only
 * platform threads are the socket's receiver (and, for plain UDP, its sender): see the README.
 */
final class EndpointFactory {

    private EndpointFactory() {}

    /**
     * @param serverName the name sent as SNI and looked for in the server's certificate; null for an address
     * @param checkedName what the server's certificate must name, for messages: the server name or the address
     */
    static CoapEndpoint create(CoapSinkConfig config, @Nullable Credentials credentials, @Nullable String serverName,
            String checkedName, String tag, ScheduledExecutorService executor) {
        Configuration settings = ClientConfiguration.of(config);
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(settings).setLoggingTag(tag);
        if (credentials == null) {
            builder.setInetSocketAddress(new InetSocketAddress(0));
        } else {
            DTLSConnector connector = new DTLSConnector(dtls(settings, credentials, serverName, checkedName, tag));
            connector.setExecutor(executor);
            builder.setConnector(connector);
        }
        CoapEndpoint endpoint = builder.build();
        endpoint.setExecutors(executor, executor);
        return endpoint;
    }

    private static DtlsConnectorConfig dtls(Configuration settings, Credentials credentials, @Nullable String serverName,
            String checkedName, String tag) {
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(settings)
                .setAddress(new InetSocketAddress(0))
                .setLoggingTag(tag)
                // SNI only for a name: RFC 6066 forbids sending an address.
                .set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, serverName != null);
        switch (credentials) {
            case Credentials.PreShared(var psk) -> dtls.setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(), psk.secret()));
            case Credentials.Certificates(var identity, var tls) -> {
                if (identity.privateKey() != null) {
                    dtls.setCertificateIdentityProvider(DtlsCredentials.certificateProvider(identity));
                }
                dtls.setAdvancedCertificateVerifier(new ServerCertificateVerifier(identity, checkedName));
                dtls.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, DtlsAlgorithms.suitesOffered(tls).toArray(CipherSuite[]::new));
                if (!tls.namedGroups().isEmpty()) {
                    dtls.setAsList(DtlsConfig.DTLS_CURVES, DtlsAlgorithms.groups(tls).toArray(
                            org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup[]::new));
                }
            }
        }
        return dtls.build();
    }
}
