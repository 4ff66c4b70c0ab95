package dev.ferry.source.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import dev.ferry.coap.CoapConfigurations;
import dev.ferry.source.coap.PayloadFormat;
import dev.ferry.source.coap.RateLimitConfig;
import dev.ferry.source.coap.SanType;
import dev.ferry.source.coap.TenantFromConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Fuzz target for a request to the CoAP ingress: the bytes of one datagram from a plain-CoAP device, parsed as
 * the ingress's endpoints parse it, then handed to the ingress's {@link IngressDeliverer} as the endpoint hands it
 * over, with the resource, method, Content-Format and payload the bytes hold. No network: the exchange keeps the
 * response instead of sending it. Whatever the bytes, the ingress answers once, with 2.04 and the readings stored,
 * tagged with the sender's tenant and device, or with a refusal code and a diagnostic payload, nothing stored. A 5.00
 * (the ingress failed on the request), any other code, no answer, or an input that takes longer than the timeout, is
 * a finding. What Californium's parser refuses as a format error never reaches the ingress, and is left out.
 *
 * <p>A normal build runs the target over the inputs in {@code src/test/resources/dev/ferry/source/coap/internal/
 * CoapRequestFuzzTestInputs/request/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes it for real and
 * writes a crashing input there. The seeds are requests the ingress stores, in each payload format, one that claims
 * another tenant, and a GET.
 */
class CoapRequestFuzzTest {

    private static final String SOURCE = "devices";
    private static final String TENANT = "lab";
    private static final InetSocketAddress DEVICE = new InetSocketAddress("192.0.2.7", 40123);
    private static final List<String> RESOURCES = List.of("readings", "plant/climate");
    /** Small, so that the fuzzer reaches 4.13 with bodies of one datagram. */
    private static final int MAX_BODY = 1024;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final Set<ResponseCode> REFUSALS = Set.of(ResponseCode.BAD_REQUEST, ResponseCode.FORBIDDEN,
            ResponseCode.NOT_FOUND, ResponseCode.METHOD_NOT_ALLOWED, ResponseCode.REQUEST_ENTITY_TOO_LARGE,
            ResponseCode.UNSUPPORTED_CONTENT_FORMAT);

    private static final RecordingEmitter emitter = new RecordingEmitter();
    private static final IngressDeliverer deliverer = deliverer();

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void request(byte[] datagram) throws Exception {
        Message message;
        try {
            message = parse(datagram);
        } catch (MessageFormatException e) {
            return;
        }
        if (!(message instanceof Request request)) {
            return;
        }
        Response response = deliver(request);

        ResponseCode code = response.getCode();
        if (code == ResponseCode.CHANGED) {
            assertThat(emitter.batches).as("readings stored for a 2.04").hasSize(1);
            assertThat(RESOURCES).contains(request.getOptions().getUriPathString());
            assertThat(request.getCode()).isIn(Code.POST, Code.PUT);
            assertThat(request.getPayloadSize()).isLessThanOrEqualTo(MAX_BODY);
            assertThat(emitter.batches.getFirst()).isNotEmpty().allSatisfy(r -> assertThat(r.tags())
                    .containsEntry(TenantClaims.TENANT_TAG, TENANT)
                    .containsEntry(TenantClaims.DEVICE_TAG, DEVICE.getAddress().getHostAddress()));
        } else {
            assertThat(code).as("response code, with diagnostic %s", response.getPayloadString()).isIn(REFUSALS);
            assertThat(response.getPayloadString()).as("diagnostic of " + code).isNotBlank();
            assertThat(emitter.batches).as("readings stored for a " + code).isEmpty();
            if (code == ResponseCode.BAD_REQUEST) {
                assertThat(emitter.malformed).as("a 4.00 counted as malformed").singleElement().asString().isNotBlank();
            }
        }
    }

    /** The seeds are what they claim: the POST and PUT requests are stored, one for another tenant and a GET refused. */
    @Test
    void theSeedsAreAnsweredAsTheyShouldBe() throws Exception {
        for (String seed : List.of("post-senml-json.coap", "put-senml-cbor.coap", "post-json.coap",
                "post-no-content-format.coap", "post-own-tenant.coap")) {
            Response response = deliver((Request) parse(seed(seed)));
            assertThat(response.getCode()).as(seed + ": " + response.getPayloadString()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(deliver((Request) parse(seed("post-other-tenant.coap"))).getCode())
                .isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(deliver((Request) parse(seed("get.coap"))).getCode())
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    }

    /** The message as the ingress's endpoints parse it, with Californium's settings as the ingress leaves them. */
    private static Message parse(byte[] datagram) {
        return IngressServer.parser(CoapConfigurations.fresh()).parseMessage(datagram);
    }

    /** Hands the request to the ingress as the endpoint would, and returns its one answer. */
    private static Response deliver(Request request) throws Exception {
        request.setSourceContext(new UdpEndpointContext(DEVICE));
        emitter.batches.clear();
        emitter.malformed.clear();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Exchange exchange = new Exchange(request, DEVICE, Exchange.Origin.REMOTE, Runnable::run) {
            @Override
            public void sendResponse(Response response) {
                if (!answer.complete(response)) {
                    throw new AssertionError("a second response: " + response);
                }
            }

            @Override
            public void sendAccept() {
                // an empty ACK only tells the device to wait; the answer follows
            }
        };
        deliverer.deliverRequest(exchange);
        return answer.get(5, TimeUnit.SECONDS);
    }

    private static IngressDeliverer deliverer() {
        Counters counters = new Counters();
        QuietLog quiet = new QuietLog(LoggerFactory.getLogger(CoapRequestFuzzTest.class), CLOCK);
        Responses responses = new Responses(SOURCE, counters, quiet, MAX_BODY);
        ReadingsHandler handler = new ReadingsHandler(new PayloadDecoding(SOURCE, PayloadFormat.SENML_JSON), responses,
                emitter, CLOCK, MAX_BODY, () -> false);
        PeerResolver peers = new PeerResolver(new TenantRule(new TenantFromConfig(SanType.URI, TenantFromConfig.DEFAULT_PATTERN)),
                Map.of(), TENANT);
        // The rate limit is not under test: a clock a second further on each time keeps every bucket full.
        RateLimiter limiter = new RateLimiter(new RateLimitConfig(10, 20, 1024), new TickingClock());
        return new IngressDeliverer(SOURCE, RESOURCES, peers, limiter, responses, handler, 64, () -> false);
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = CoapRequestFuzzTest.class.getResourceAsStream("CoapRequestFuzzTestInputs/request/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Takes what the ingress stores; each request's readings are one batch. */
    private static final class RecordingEmitter implements Emitter {

        final List<List<Reading>> batches = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> emit(List<Reading> batch) {
            batches.add(List.copyOf(batch));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void malformed(String what) {
            malformed.add(what);
        }
    }

    private static final class TickingClock extends Clock {

        private final AtomicLong seconds = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.incrementAndGet());
        }
    }
}
