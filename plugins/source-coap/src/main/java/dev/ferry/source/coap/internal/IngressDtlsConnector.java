package dev.ferry.source.coap.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;

/**
 * Scandium's DTLS connector on the ingress's {@link SessionSlots}: the constructor that takes a connection store is
 * protected, and a close_notify reaches the store only through the connector's alert handler. Its socket is bound by
 * {@link PortHandOver}.
 */
final class IngressDtlsConnector extends DTLSConnector {

    private final PortHandOver ports;

    IngressDtlsConnector(DtlsConnectorConfig config, SessionSlots slots, PortHandOver ports) {
        super(config, slots);
        this.ports = ports;
        setAlertHandler((peer, alert) -> {
            if (peer != null && alert.getDescription() == AlertDescription.CLOSE_NOTIFY) {
                slots.closedByDevice(peer);
            }
        });
    }

    @Override
    protected void start(InetSocketAddress bindAddress) throws IOException {
        if (isRunning()) {
            return;
        }
        DatagramSocket socket = new DatagramSocket(null);
        try {
            ports.bind(socket, bindAddress);
            init(bindAddress, socket, null);   // binds only a socket not bound yet
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
