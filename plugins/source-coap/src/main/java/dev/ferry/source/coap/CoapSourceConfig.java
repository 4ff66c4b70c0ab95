package dev.ferry.source.coap;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.tls.TlsConfig;
import java.util.List;

/** The keys of a {@code type: coap} source: a CoAP(S) server that sub-devices push readings to. */
public record CoapSourceConfig(
        @Doc("Address to listen on: 0.0.0.0 for every IPv4 interface, :: for IPv6 and IPv4, or one interface's"
                + " address to keep the server off the others.")
        @Default("0.0.0.0") String listen,
        @Doc("UDP port of the DTLS (coaps://) endpoint; it listens when `tls` or `psk_devices` is set.")
        @Default("5684") @Min("0") @Max("65535") int port,
        @Doc("Resource paths that accept readings, e.g. `readings` or `plant/climate`; a request for any other path"
                + " gets 4.04. Empty: the single resource `readings`.")
        @Default("[]") List<String> resources,
        @Doc("The gateway's DTLS identity (`cert`, `key`, `password`) and the CA that device certificates must chain"
                + " to (`ca`, required). Enables certificate cipher suites (ECDHE-ECDSA).")
        @Nullable TlsConfig tls,
        @Doc("Client certificates on certificate cipher suites: `needed` refuses a handshake without one; `wanted`"
                + " lets it through and answers its requests 4.01.")
        @Default("needed") ClientAuth clientAuth,
        @Doc("Where a device certificate names its tenant.")
        @Default("{}") TenantFromConfig tenantFrom,
        @Doc("Devices that authenticate with a pre-shared key instead of a certificate (PSK cipher suites).")
        @Default("[]") List<PskDeviceConfig> pskDevices,
        @Doc("Plain CoAP (coap://, no DTLS): anyone who can reach the port can push readings. Left out: no plain"
                + " endpoint.")
        @Nullable InsecureConfig insecure,
        @Doc("Payload format assumed for a request without a Content-Format option: senml-json, senml-cbor or json."
                + " Left out: such a request gets 4.15.")
        @Nullable PayloadFormat defaultFormat,
        @Doc("Largest request body; a larger one gets 4.13. Bodies above one datagram arrive block-wise (Block1) and"
                + " are reassembled up to this size.")
        @Default("8KiB") @Min("64B") @Max("1MiB") DataSize maxBodySize,
        @Doc("Most DTLS sessions held at once. A session its device closes (close_notify) frees its slot at once;"
                + " when all are taken, the least recently used session makes room for a new handshake.")
        @Default("256") @Min("1") @Max("100000") int maxSessions,
        @Doc("Most requests being stored at once, across all devices; one more gets 5.03 with Max-Age 1.")
        @Default("64") @Min("1") @Max("10000") int maxInFlight,
        @Doc("Per-device rate limit.")
        @Default("{}") RateLimitConfig rateLimit) {

    /** The resource used when {@code resources} is empty. */
    public static final String DEFAULT_RESOURCE = "readings";

    public CoapSourceConfig {
        resources = resources.isEmpty() ? List.of(DEFAULT_RESOURCE) : resources.stream().map(CoapSourceConfig::trimSlashes).toList();
        pskDevices = List.copyOf(pskDevices);
    }

    /** {@code /readings/} and {@code readings} name the same resource. */
    private static String trimSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }
}
