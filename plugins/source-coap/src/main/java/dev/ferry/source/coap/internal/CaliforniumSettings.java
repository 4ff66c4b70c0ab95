package dev.ferry.source.coap.internal;

import dev.ferry.coap.CoapConfigurations;
import dev.ferry.source.coap.ClientAuth;
import dev.ferry.source.coap.CoapSourceConfig;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium's settings for the ingress. The agent's whole budget is 60 MiB, so every pool is one thread: the
 * protocol stage only checks and dispatches (decoding and storing run on virtual threads), and one DTLS handshake at
 * a time is plenty for a gateway's devices. Caches sized for a server farm (150,000 peers by default) are cut to the
 * configured sessions.
 */
final class CaliforniumSettings {

    /** Threads of each of Californium's pools. */
    static final int THREADS = 1;

    private CaliforniumSettings() {}

    static Configuration of(CoapSourceConfig config, boolean certificates) {
        int peers = Math.max(config.maxSessions(), 16);
        Configuration c = CoapConfigurations.fresh();
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, THREADS);
        c.set(CoapConfig.MAX_ACTIVE_PEERS, peers);
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, (int) config.maxBodySize().bytes());
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, THREADS);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, THREADS);
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, THREADS);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, THREADS);
        c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, config.maxSessions());
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        c.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, !certificates ? CertificateAuthenticationMode.NONE
                : config.clientAuth() == ClientAuth.NEEDED ? CertificateAuthenticationMode.NEEDED
                : CertificateAuthenticationMode.WANTED);
        return c;
    }
}
