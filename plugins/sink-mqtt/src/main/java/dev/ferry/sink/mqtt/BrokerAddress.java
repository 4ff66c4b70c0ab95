package dev.ferry.sink.mqtt;

import dev.ferry.api.net.HostNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A broker URL taken apart: {@code mqtts://host:port} or {@code mqtt://host:port}. */
record BrokerAddress(String host, int port, boolean tls) {

    static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: \"" + url + "\" (write mqtts://host:port or mqtt://host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "mqtts", "ssl", "tls" -> true;
            case "mqtt", "tcp" -> false;
            default -> throw new IllegalArgumentException("unknown scheme in \"" + url + "\": use mqtts:// (TLS) or mqtt:// (plain TCP)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in \"" + url + "\"");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException("a broker URL has no path, was \"" + uri.getPath() + "\" in \"" + url + "\"");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new BrokerAddress(host, port, tls);
    }

    /** See {@link HostNames#isLoopback}. */
    boolean loopback() {
        return HostNames.isLoopback(host);
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
