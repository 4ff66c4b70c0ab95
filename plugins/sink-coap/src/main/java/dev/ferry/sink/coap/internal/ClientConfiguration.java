package dev.ferry.sink.coap.internal;

import dev.ferry.coap.CoapConfigurations;
import dev.ferry.sink.coap.CoapSinkConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium's settings for the sink's one client endpoint, from the sink's keys. Beyond the keys: one thread per
 * stage where Californium allows choosing (its executors are replaced by one virtual thread anyway), and peer and
 * connection tables sized for the single server a sink talks to instead of a server's hundred thousand.
 */
public final class ClientConfiguration {

    /** Californium's default; a smaller limit would refuse the block-wise bodies the sink itself sends. */
    private static final int MIN_BODY_SIZE = 8192;
    private static final int PEERS = 4;

    private ClientConfiguration() {}

    public static Configuration of(CoapSinkConfig config) {
        Configuration c = CoapConfigurations.fresh();
        int block = (int) config.blockSize().bytes();
        c.set(CoapConfig.ACK_TIMEOUT, config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.ACK_INIT_RANDOM, (float) config.ackRandomFactor());
        c.set(CoapConfig.ACK_TIMEOUT_SCALE, 2.0f);
        c.set(CoapConfig.MAX_RETRANSMIT, config.maxRetransmit());
        c.set(CoapConfig.MAX_ACK_TIMEOUT, longestWait(config).toMillis(), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.NSTART, config.nstart());
        c.set(CoapConfig.PREFERRED_BLOCK_SIZE, block);
        c.set(CoapConfig.MAX_MESSAGE_SIZE, block);
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, (int) Math.max(MIN_BODY_SIZE, config.maxPayload().bytes()));
        c.set(CoapConfig.MAX_ACTIVE_PEERS, PEERS);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, PEERS);
        c.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, config.connectionId() ? config.connectionIdLength() : null);
        // A lossy link loses handshake flights as it loses requests: the same timeout and retries serve both.
        c.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        c.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, config.maxRetransmit());
        boolean verify = config.tls() == null || config.tls().verifyHostname();
        c.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, verify);
        return c;
    }

    /** The largest retransmission timeout RFC 7252 allows for these keys, so Californium's cap does not cut it short. */
    private static Duration longestWait(CoapSinkConfig config) {
        double millis = config.ackTimeout().toMillis() * config.ackRandomFactor() * Math.pow(2, config.maxRetransmit());
        return Duration.ofMillis(Math.max(60_000, (long) Math.ceil(millis)));
    }
}
