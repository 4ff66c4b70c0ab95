package dev.ferry.api.net;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port a component of the agent will listen on, as its config says, so that {@code ferry check} can tell before
 * the start that another program holds it.
 *
 * @param key the config key that names the port, relative to the component's section ({@code insecure.port})
 * @param host the address to listen on ({@code 0.0.0.0} for every interface)
 * @param udp true for a UDP port (CoAP), false for TCP
 */
public record ServedPort(String key, String host, int port, boolean udp) {

    /** Why the port cannot be listened on now, or null when it can (or is 0, any free port). */
    public @Nullable String problem() {
        if (port == 0) {
            return null;
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            return null;   // an address that cannot be resolved is the component's own check
        }
        try {
            if (udp) {
                new DatagramSocket(address).close();
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);   // as servers do: a port in TIME_WAIT is free
                    socket.bind(address);
                }
            }
            return null;
        } catch (IOException e) {
            return (udp ? "UDP" : "TCP") + " port " + port + " is already in use by another program";
        }
    }
}
