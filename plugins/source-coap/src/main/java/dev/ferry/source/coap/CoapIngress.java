package dev.ferry.source.coap;

import dev.ferry.api.StreamingSource;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A running {@code type: coap} source. {@link #start} opens the endpoints and returns; readings are emitted from the
 * source's own threads as devices push them, and each device is answered only after its readings are committed.
 * {@link #close()} answers the requests being stored, then closes the endpoints.
 */
public interface CoapIngress extends StreamingSource {

    /** Counts of accepted and refused requests. */
    IngressCounts counts();

    /** The DTLS (coaps) endpoint's bound address, while it listens; the port is the real one when 0 was configured. */
    Optional<InetSocketAddress> secureAddress();

    /** The plain (coap) endpoint's bound address, while it listens. */
    Optional<InetSocketAddress> plainAddress();
}
