package dev.ferry.testkit.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports for peers the tests start; other processes on the machine may hold the well-known ones. */
public final class FreePorts {

    private FreePorts() {}

    /** A UDP port free on the loopback interface right now. */
    public static int udp() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    /** A TCP port free on the loopback interface right now. */
    public static int tcp() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
