package dev.ferry.testkit.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A UDP server on loopback that sends each datagram back to its sender and records the first int of each. */
final class UdpEchoServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<Integer> received = new CopyOnWriteArrayList<>();

    UdpEchoServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("udp-echo").start(this::echoAll);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The numbers (first four bytes) of the datagrams received so far, in arrival order. */
    List<Integer> received() {
        return List.copyOf(received);
    }

    int receivedCount() {
        return received.size();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void echoAll() {
        byte[] buffer = new byte[2048];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                received.add(ByteBuffer.wrap(buffer, 0, packet.getLength()).getInt());
                socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }
}
