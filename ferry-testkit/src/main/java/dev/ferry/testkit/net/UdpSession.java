package dev.ferry.testkit.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One client of a {@link UdpFaultProxy}, known by its source address: a socket of its own toward the target (as a
 * NAT gives each flow a port), so that the target's replies find their way back to this client and no other.
 */
final class UdpSession implements AutoCloseable {

    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket upstream;
    private final DatagramLink toTarget;

    private UdpSession(DatagramSocket upstream, DatagramLink toTarget) {
        this.upstream = upstream;
        this.toTarget = toTarget;
    }

    /** Starts the reply thread, which passes what {@code target} sends to {@code upstream} on to {@code toClient}. */
    static UdpSession start(DatagramSocket upstream, SocketAddress target, DatagramLink toTarget,
            DatagramLink toClient, String name) {
        Thread.ofVirtual().name(name + "-replies").start(() -> relay(upstream, target, toClient));
        return new UdpSession(upstream, toTarget);
    }

    void fromClient(byte[] data) {
        toTarget.offer(data);
    }

    @Override
    public void close() {
        upstream.close();
    }

    private static void relay(DatagramSocket from, SocketAddress only, DatagramLink to) {
        receiveAll(from, packet -> {
            if (packet.getSocketAddress().equals(only)) {
                to.offer(payload(packet));
            }
        });
    }

    /** Hands each datagram {@code socket} receives to {@code handler}, reusing one buffer, until the socket closes. */
    static void receiveAll(DatagramSocket socket, Consumer<DatagramPacket> handler) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            handler.accept(packet);
        }
    }

    /** A copy of the packet's data, since its buffer is reused for the next receive. */
    static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }
}
