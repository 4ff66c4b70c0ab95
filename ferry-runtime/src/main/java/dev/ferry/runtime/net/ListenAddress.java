package dev.ferry.runtime.net;

import dev.ferry.api.net.HostNames;
import java.net.InetSocketAddress;

/**
 * A server's {@code HOST:PORT} as a config writes it: {@code 127.0.0.1:9713}, {@code [::1]:9713},
 * {@code localhost:9713}, {@code 0.0.0.0:9713}. Port 0 asks for any free port.
 */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, e.g. 127.0.0.1:9713, was \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port in \"" + text + "\" is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port in \"" + text + "\" must be 0 to 65535");
        }
        return new ListenAddress(host, port);
    }

    /** True when only this machine can connect, by the one rule for loopback names: {@link HostNames#isLoopback}. */
    public boolean loopback() {
        return HostNames.isLoopback(host);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
