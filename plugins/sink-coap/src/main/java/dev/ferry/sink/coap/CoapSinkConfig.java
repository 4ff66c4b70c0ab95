package dev.ferry.sink.coap;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import dev.ferry.coap.PskConfig;
import dev.ferry.tls.TlsConfig;
import java.time.Duration;

/** The keys of a {@code type: coap} sink. */
public record CoapSinkConfig(
        @Doc("Where readings go: coaps://host:port/path (DTLS 1.2, port 5684 when left out) or coap://host:port/path"
                + " (plain UDP, 5683); a query (?k=v) becomes Uri-Query. Plain UDP to a host other than this machine is"
                + " refused unless `insecure` is true.")
        String url,
        @Doc("Request method: post (the server adds the readings) or put (the server replaces the resource with them).")
        @Default("post") Method method,
        @Doc("Payload format: senml-cbor (content-format 112), senml-json (110), or json (50: a JSON array of reading"
                + " objects, the fields the file sink writes).")
        @Default("senml-cbor") PayloadEncoding encoding,
        @Doc("Most payload bytes in one request; readings that do not fit go in the next request. A request larger than"
                + " `block_size` travels block-wise (RFC 7959), which the server must support.")
        @Default("1KiB") @Min("64B") @Max("1MiB") DataSize maxPayload,
        @Doc("Most readings (and gap records) in one request; also the largest batch the sink takes from the log.")
        @Default("64") @Min("1") @Max("10000") int maxReadings,
        @Doc("Block size of block-wise transfer and the largest request sent whole: 16B, 32B, 64B, 128B, 256B, 512B or"
                + " 1KiB. Lower it for links with a small MTU (6LoWPAN, NB-IoT).")
        @Default("1KiB") DataSize blockSize,
        @Doc("Confirmable requests outstanding at once (RFC 7252 NSTART): 1 sends the next request only after the"
                + " response to the previous one; more speeds up links with a long round trip.")
        @Default("1") @Min("1") @Max("32") int nstart,
        @Doc("First retransmission timeout of a confirmable request (RFC 7252 ACK_TIMEOUT); it doubles with each"
                + " retransmission.")
        @Default("2s") @Positive Duration ackTimeout,
        @Doc("The first timeout is drawn between `ack_timeout` and this many times it (ACK_RANDOM_FACTOR), so that"
                + " many clients do not retransmit in step.")
        @Default("1.5") @Min("1") @Max("4") double ackRandomFactor,
        @Doc("Retransmissions of a request without an answer before it fails (MAX_RETRANSMIT).")
        @Default("4") @Min("0") @Max("10") int maxRetransmit,
        @Doc("Longest wait for the response to a request, retransmissions, blocks and DTLS handshake included; past it"
                + " the request is given up and its batch sent again after a backoff.")
        @Default("2m") @Positive Duration requestTimeout,
        @Doc("Offer DTLS Connection IDs (RFC 9146), so that the server knows this client again after a NAT rebinding"
                + " changed its address, without a new handshake. A server without support ignores the offer.")
        @Default("true") boolean connectionId,
        @Doc("Length in bytes of the Connection ID the server is asked to put on records it sends here; 0 is enough"
                + " for a client, as only the server's own ID has to survive a change of the client's address.")
        @Default("0") @Min("0") @Max("16") int connectionIdLength,
        @Doc("Allow plain UDP (coap://) to a server that is not on this machine: readings travel in clear and"
                + " anyone on the path can alter them.")
        @Default("false") boolean insecure,
        @Doc("DTLS with X.509 certificates for coaps://: the CA the server's certificate must chain to, and this"
                + " client's certificate and key for mutual authentication.")
        @Nullable TlsConfig tls,
        @Doc("DTLS with a pre-shared key for coaps://, instead of `tls`.")
        @Nullable PskConfig psk) {

    /** The CoAP request method. */
    public enum Method { POST, PUT }

    /** How readings are written into a payload, with the CoAP content-format number (RFC 7252, RFC 8428). */
    public enum PayloadEncoding {
        SENML_CBOR(112),
        SENML_JSON(110),
        JSON(50);

        private final int contentFormat;

        PayloadEncoding(int contentFormat) {
            this.contentFormat = contentFormat;
        }

        public int contentFormat() {
            return contentFormat;
        }
    }

    /** What to do with readings the server refuses with a 4.xx code. */
}
