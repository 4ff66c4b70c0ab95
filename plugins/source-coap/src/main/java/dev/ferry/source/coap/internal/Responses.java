package dev.ferry.source.coap.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.Nullable;
import dev.ferry.source.coap.Refusal;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.slf4j.event.Level;

/**
 * Answers requests, counts each answer, and logs refusals quietly. An error response carries the reason as its
 * diagnostic payload (RFC 7252, section 5.5.2), which is what a device's log shows.
 */
final class Responses {

    private final String source;
    private final Counters counters;
    private final QuietLog log;
    private final int maxBody;

    /** @param maxBody the largest body accepted, announced in the Size1 option of a 4.13 */
    Responses(String source, Counters counters, QuietLog log, int maxBody) {
        this.source = source;
        this.counters = counters;
        this.log = log;
        this.maxBody = maxBody;
    }

    /** 2.04 Changed: the request's readings are committed to the log. Returns the response, as each method here does. */
    Response stored(Exchange exchange, String tenant, int readings) {
        counters.countAccepted(tenant, readings);
        Response response = new Response(ResponseCode.CHANGED);
        exchange.sendResponse(response);
        return response;
    }

    Response refuse(Exchange exchange, RequestRefused refused, @Nullable DeviceIdentity who) {
        return refuse(exchange, refused.reason(), refused.getMessage(), who, null);
    }

    /**
     * Answers with the reason's code and {@code message} as diagnostic.
     *
     * @param emitter told of a malformed payload, so that the runtime counts it towards quarantine; null otherwise
     */
    Response refuse(Exchange exchange, Refusal reason, String message, @Nullable DeviceIdentity who,
            @Nullable Emitter emitter) {
        String sender = who != null ? who.toString() : String.valueOf(exchange.getRequest().getSourceContext().getPeerAddress());
        Response response = new Response(code(reason));
        response.setPayload(message);
        switch (reason) {
            case RATE_LIMITED, BUSY, NOT_STORED -> response.getOptions().setMaxAge(1);
            case TOO_LARGE -> response.getOptions().setSize1(maxBody);
            default -> { }
        }
        if (reason != Refusal.TOO_LARGE) {
            counters.countRefusal(reason); // 4.13 is counted where every 4.13 passes, Californium's own ones included
        }
        if (reason == Refusal.MALFORMED && emitter != null) {
            emitter.malformed(sender + ": " + message); // the runtime logs and counts these
        } else {
            log.log(level(reason), reason.name(), "source " + source + ": " + reason.code() + " "
                    + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " for " + sender + ": " + message);
        }
        exchange.sendResponse(response);
        return response;
    }

    /** The response code of a rate-limited request, with the time to wait in Max-Age, rounded up to seconds. */
    void rateLimited(Exchange exchange, DeviceIdentity who, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Response response = new Response(ResponseCode.TOO_MANY_REQUESTS);
        response.setPayload("rate limit: send again in " + seconds + " s");
        response.getOptions().setMaxAge(seconds);
        counters.countRefusal(Refusal.RATE_LIMITED);
        log.log(Level.INFO, Refusal.RATE_LIMITED.name(), "source " + source + ": 4.29 rate limit for " + who);
        exchange.sendResponse(response);
    }

    static ResponseCode code(Refusal reason) {
        return switch (reason) {
            case MALFORMED -> ResponseCode.BAD_REQUEST;
            case UNAUTHENTICATED -> ResponseCode.UNAUTHORIZED;
            case FORBIDDEN -> ResponseCode.FORBIDDEN;
            case UNKNOWN_RESOURCE -> ResponseCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ResponseCode.METHOD_NOT_ALLOWED;
            case TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
            case RATE_LIMITED -> ResponseCode.TOO_MANY_REQUESTS;
            case BUSY, NOT_STORED -> ResponseCode.SERVICE_UNAVAILABLE;
        };
    }

    private static Level level(Refusal reason) {
        return switch (reason) {
            case FORBIDDEN, UNAUTHENTICATED, NOT_STORED -> Level.WARN;
            default -> Level.INFO;
        };
    }
}
