package dev.ferry.source.coap.internal;

import dev.ferry.api.failure.Failures;
import dev.ferry.api.Emitter;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.source.coap.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;

/**
 * Stores one request's readings and answers it, on the request's own virtual thread (storing may block while the
 * log applies backpressure, and must not hold one of Californium's few threads). The device gets 2.04 only once
 * the log has committed the readings; a commit that takes longer than {@link #ACCEPT_AFTER} is preceded by an empty
 * ACK, so that the device stops retransmitting and waits for the separate response. Readings that cannot be stored
 * get 5.03, except while another agent takes the data directory over: then the request is left unanswered, unless
 * accepted already, and the device sends it again, to that agent, without counting a failure.
 */
final class ReadingsHandler {

    /** Well inside CoAP's first retransmission timeout (2 to 3 s). */
    static final Duration ACCEPT_AFTER = Duration.ofMillis(500);

    private final PayloadDecoding decoding;
    private final Responses responses;
    private final Emitter emitter;
    private final Clock clock;
    private final int maxBody;
    private final BooleanSupplier handingOver;

    ReadingsHandler(PayloadDecoding decoding, Responses responses, Emitter emitter, Clock clock, int maxBody,
            BooleanSupplier handingOver) {
        this.decoding = decoding;
        this.responses = responses;
        this.emitter = emitter;
        this.clock = clock;
        this.maxBody = maxBody;
        this.handingOver = handingOver;
    }

    /** Answers the request; returns the response sent, null when it is left unanswered. */
    @Nullable Response handle(Exchange exchange, DeviceIdentity who) {
        Request request = exchange.getRequest();
        byte[] payload = request.getPayload();
        if (payload.length > maxBody) {
            return responses.refuse(exchange, Refusal.TOO_LARGE, "the body is " + payload.length + " bytes; at most "
                    + maxBody + " are accepted", who, null);
        }
        return switch (decoding.decode(request.getOptions().getContentFormat(), payload, who, clock.instant())) {
            case Decoded.Refused(Refusal reason, String message) -> responses.refuse(exchange, reason, message, who, emitter);
            case Decoded.Accepted(List<Reading> readings) -> store(exchange, who, readings);
        };
    }

    private @Nullable Response store(Exchange exchange, DeviceIdentity who, List<Reading> readings) {
        CompletableFuture<Void> committed;
        try {
            committed = emitter.emit(readings).toCompletableFuture();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notStored(exchange, who, false, "the gateway is stopping; send again");
        }
        boolean accepted = false;
        try {
            try {
                committed.get(ACCEPT_AFTER.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                exchange.sendAccept();
                accepted = true;
                committed.get();
            }
            return responses.stored(exchange, who.tenant(), readings.size());
        } catch (ExecutionException | CompletionException e) {
            return notStored(exchange, who, accepted, "not stored: " + Failures.describe(e.getCause()) + "; send again");
        } catch (InterruptedException e) {
            // The readings may still be committed; a device that sends them again makes a duplicate, never a loss.
            Thread.currentThread().interrupt();
            return notStored(exchange, who, accepted, "the gateway is stopping; send again");
        }
    }

    /** An accepted request must be answered: its device waits for the separate response and sends nothing again. */
    private @Nullable Response notStored(Exchange exchange, DeviceIdentity who, boolean accepted, String message) {
        if (!accepted && handingOver.getAsBoolean()) {
            return null;
        }
        return responses.refuse(exchange, Refusal.NOT_STORED, message, who, null);
    }
}
