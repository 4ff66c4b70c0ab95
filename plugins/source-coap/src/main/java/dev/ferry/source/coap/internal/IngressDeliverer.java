package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stop of every request, on Californium's protocol thread, so only quick checks happen here, in this
 * order: who sent it (4.01, 4.03), the sender's rate limit (4.29), the resource (4.04), the method (4.05) and room
 * among the requests in flight (5.03). A request that passes goes to a virtual thread of its own to be decoded,
 * stored and answered. Replaces Californium's resource tree: the ingress has no resources to browse.
 *
 * <p>Once stopping, a new request is refused with 5.03, or, while another agent takes the data directory over, left
 * unanswered: the device then sends it again after its retransmission timeout, to the agent that took over, and
 * counts no failure (see {@link PortHandOver}).
 */
final class IngressDeliverer implements MessageDeliverer {

    private static final Logger log = LoggerFactory.getLogger(IngressDeliverer.class);
    private static final Duration SENT_WAIT = Duration.ofSeconds(1);

    private final String source;
    private final Set<String> resources;
    private final PeerResolver peers;
    private final RateLimiter limiter;
    private final Responses responses;
    private final ReadingsHandler handler;
    private final int maxInFlight;
    private final BooleanSupplier handingOver;
    private final Semaphore inFlight;
    private volatile boolean stopping;

    IngressDeliverer(String source, List<String> resources, PeerResolver peers, RateLimiter limiter, Responses responses,
            ReadingsHandler handler, int maxInFlight, BooleanSupplier handingOver) {
        this.source = source;
        this.resources = Set.copyOf(resources);
        this.peers = peers;
        this.limiter = limiter;
        this.responses = responses;
        this.handler = handler;
        this.maxInFlight = maxInFlight;
        this.handingOver = handingOver;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        DeviceIdentity who = null;
        try {
            if (stopping) {
                if (handingOver.getAsBoolean()) {
                    return;
                }
                throw new RequestRefused(Refusal.BUSY, "the gateway is stopping; send again shortly");
            }
            who = peers.resolve(request);
            Duration wait = limiter.acquire(who);
            if (!wait.isZero()) {
                responses.rateLimited(exchange, who, wait);
                return;
            }
            checkResourceAndMethod(request);
            if (!inFlight.tryAcquire()) {
                throw new RequestRefused(Refusal.BUSY, maxInFlight + " requests are being stored already; send again"
                        + " shortly");
            }
        } catch (RequestRefused refused) {
            responses.refuse(exchange, refused, who);
            return;
        }
        DeviceIdentity device = who;
        Thread.ofVirtual().name("coap-" + source + "-request").start(() -> handle(exchange, device));
    }

    private void checkResourceAndMethod(Request request) throws RequestRefused {
        String path = request.getOptions().getUriPathString();
        if (!resources.contains(path)) {
            throw new RequestRefused(Refusal.UNKNOWN_RESOURCE, "no resource /" + path + " here; readings go to "
                    + resources.stream().sorted().map(r -> "/" + r).toList());
        }
        Code code = request.getCode();
        if (code != Code.POST && code != Code.PUT) {
            throw new RequestRefused(Refusal.METHOD_NOT_ALLOWED, code + " is not accepted here; send readings with POST"
                    + " or PUT");
        }
    }

    private void handle(Exchange exchange, DeviceIdentity who) {
        try {
            Response response = handler.handle(exchange, who);
            if (stopping && response != null) {
                // Sending is asynchronous: the endpoint must not close under the answer of a request it stored.
                awaitSent(response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException bug) {
            log.error("source {}: a request of {} failed unexpectedly", source, who, bug);
            Response response = new Response(ResponseCode.INTERNAL_SERVER_ERROR);
            response.setPayload("the gateway failed to handle the request");
            exchange.sendResponse(response);
        } finally {
            inFlight.release();
        }
    }

    /** Californium's own waitForSent is woken by nothing but its timeout, which would hold every stop that long. */
    private static void awaitSent(Response response) throws InterruptedException {
        long deadline = System.nanoTime() + SENT_WAIT.toNanos();
        while (!response.isSent() && response.getSendError() == null && !response.isCanceled()
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        exchange.getRequest().setResponse(response); // the ingress sends no requests; kept as Californium's default
    }

    /**
     * Refuses new requests from now on and waits up to {@code grace} for those in flight to be answered.
     *
     * @return true when none was left in flight
     */
    boolean stop(Duration grace) throws InterruptedException {
        stopping = true;
        if (inFlight.tryAcquire(maxInFlight, grace.toNanos(), TimeUnit.NANOSECONDS)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
    }
}
