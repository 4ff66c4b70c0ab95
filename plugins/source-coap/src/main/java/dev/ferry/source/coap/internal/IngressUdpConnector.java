package dev.ferry.source.coap.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;

/** Californium's UDP connector for the plain endpoint, its socket bound by {@link PortHandOver}. */
final class IngressUdpConnector extends UDPConnector {

    private final PortHandOver ports;

    IngressUdpConnector(InetSocketAddress address, Configuration settings, PortHandOver ports) {
        super(address, settings);
        this.ports = ports;
    }

    @Override
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        DatagramSocket socket = new DatagramSocket(null);
        try {
            ports.bind(socket, localAddr);
            init(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
