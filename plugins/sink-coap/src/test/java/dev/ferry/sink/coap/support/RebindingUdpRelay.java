package dev.ferry.sink.coap.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;

/**
 * A NAT in miniature: clients send to {@link #address()}, and the relay forwards from a socket of its own, so the
 * server sees the relay's outer port as the client's address. {@link #rebind()} swaps that socket for one on a new
 * port, as a NAT does when its mapping expires: the client does not notice, the server sees a new address.
 */
public final class RebindingUdpRelay implements AutoCloseable {

    private final DatagramSocket front;
    private final InetSocketAddress target;
    private volatile DatagramSocket outer;
    private volatile SocketAddress client;

    private RebindingUdpRelay(DatagramSocket front, InetSocketAddress target) throws IOException {
        this.front = front;
        this.target = target;
        this.outer = openOuter();
    }

    public static RebindingUdpRelay start(InetSocketAddress target) throws IOException {
        RebindingUdpRelay relay = new RebindingUdpRelay(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                target);
        Thread.ofVirtual().name("relay-in").start(relay::forwardOut);
        return relay;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** The port the server sees the client on now. */
    public int outerPort() {
        return outer.getLocalPort();
    }

    /** Moves to a new outer port; datagrams in flight on the old one are lost, as in a real rebinding. */
    public void rebind() throws IOException {
        DatagramSocket old = outer;
        outer = openOuter();
        old.close();
    }

    private DatagramSocket openOuter() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("relay-back-" + socket.getLocalPort()).start(() -> forwardBack(socket));
        return socket;
    }

    private void forwardOut() {
        byte[] buffer = new byte[65536];
        while (!front.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                front.receive(packet);
                client = packet.getSocketAddress();
                outer.send(new DatagramPacket(Arrays.copyOf(packet.getData(), packet.getLength()), packet.getLength(), target));
            } catch (IOException closedOrLost) {
                // lost, as UDP may lose anything; the loop ends once the front socket is closed
            }
        }
    }

    private void forwardBack(DatagramSocket socket) {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                SocketAddress to = client;
                if (to != null) {
                    front.send(new DatagramPacket(Arrays.copyOf(packet.getData(), packet.getLength()), packet.getLength(), to));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        front.close();
        outer.close();
    }
}
