package dev.ferry.sink.coap;

import dev.ferry.api.net.HostNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A server URL taken apart: {@code coaps://host:port/path?query} (DTLS) or {@code coap://host:port/path?query}
 * (plain UDP). The path and query become the request's Uri-Path and Uri-Query options.
 */
record ServerAddress(URI uri, String host, int port, boolean secure) {

    static final int COAP_PORT = 5683;
    static final int COAPS_PORT = 5684;

    static ServerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: \"" + url + "\" (write coaps://host:port/path or coap://host:port/path)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = switch (scheme) {
            case "coaps" -> true;
            case "coap" -> false;
            default -> throw new IllegalArgumentException("unknown scheme in \"" + url
                    + "\": use coaps:// (DTLS) or coap:// (plain UDP)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in \"" + url + "\"");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a CoAP URL has no fragment, was \"#" + uri.getRawFragment() + "\" in \"" + url + "\"");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a CoAP URL has no user part, in \"" + url + "\"; use psk or tls for credentials");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? COAPS_PORT : COAP_PORT;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        URI normalised;
        try {
            normalised = new URI(scheme, null, uri.getHost(), port, uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: \"" + url + "\": " + e.getMessage());
        }
        return new ServerAddress(normalised, host, port, secure);
    }

    /** See {@link HostNames#isLoopback}. */
    boolean loopback() {
        return HostNames.isLoopback(host);
    }

    /** True when the host is written as an IPv4 or IPv6 address rather than a name. */
    boolean literalAddress() {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
