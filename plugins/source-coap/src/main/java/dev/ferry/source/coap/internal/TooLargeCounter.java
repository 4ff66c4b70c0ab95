package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.Refusal;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Counts 4.13 responses as they leave an endpoint. Californium answers an oversized block-wise upload with 4.13
 * itself, below the ingress's code, so this is the one place that sees every 4.13. A response sent again for a
 * duplicate request was sent before and is not counted twice.
 */
final class TooLargeCounter extends MessageInterceptorAdapter {

    private final Counters counters;

    TooLargeCounter(Counters counters) {
        this.counters = counters;
    }

    @Override
    public void sendResponse(Response response) {
        if (response.getCode() == ResponseCode.REQUEST_ENTITY_TOO_LARGE && !response.isSent()) {
            counters.countRefusal(Refusal.TOO_LARGE);
        }
    }
}
