package dev.ferry.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A UDP proxy on a free loopback port that forwards datagrams to a target and the target's replies back to the
 * client that caused them, injecting loss, delay and jitter, reordering and duplication per direction
 * ({@link #toTarget()}, {@link #toClient()}), switchable at any time.
 *
 * <p>Each client, known by its source address and port, gets a session: a socket of its own toward the target and
 * a reply thread (virtual). Each direction of each session draws from its own {@link Random}, seeded from the
 * proxy's seed and the session's number, so a test that sends the same datagrams sees the same faults every run.
 */
public final class UdpFaultProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final long seed;
    private final DatagramSocket socket;
    private final DatagramFaults toTarget = new DatagramFaults();
    private final DatagramFaults toClient = new DatagramFaults();
    private final DatagramCounters toTargetCounts = new DatagramCounters();
    private final DatagramCounters toClientCounts = new DatagramCounters();
    private final Map<SocketAddress, UdpSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private int sessionsOpened; // only the receiving thread counts
    private volatile boolean closed;

    private UdpFaultProxy(InetSocketAddress target, long seed, DatagramSocket socket) {
        this.target = target;
        this.seed = seed;
        this.socket = socket;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("udp-proxy-" + socket.getLocalPort() + "-timer").factory());
    }

    /** Starts a proxy to {@code target} whose faults draw from {@code seed}; it forwards at once. */
    public static UdpFaultProxy start(InetSocketAddress target, long seed) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        UdpFaultProxy proxy = new UdpFaultProxy(target, seed, socket);
        Thread.ofVirtual().name("udp-proxy-" + socket.getLocalPort())
                .start(() -> UdpSession.receiveAll(socket, proxy::fromClient));
        return proxy;
    }

    /** Where clients send: a loopback address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** The faults applied to datagrams from clients to the target. */
    public DatagramFaults toTarget() {
        return toTarget;
    }

    /** The faults applied to datagrams from the target to clients. */
    public DatagramFaults toClient() {
        return toClient;
    }

    public void clearFaults() {
        toTarget.clear();
        toClient.clear();
    }

    public UdpProxyStats stats() {
        return new UdpProxyStats(sessions.size(), toTargetCounts.snapshot(), toClientCounts.snapshot());
    }

    /** Stops forwarding and frees every socket; datagrams still delayed or held are not sent. */
    @Override
    public void close() {
        closed = true;
        socket.close();
        timer.shutdownNow();
        sessions.values().forEach(UdpSession::close);
    }

    private void fromClient(DatagramPacket packet) {
        UdpSession session;
        try {
            session = sessions.computeIfAbsent(packet.getSocketAddress(), this::open);
        } catch (UncheckedIOException noSocket) {
            return; // lost, as UDP may lose anything; the client's next datagram tries again
        }
        if (closed) {
            session.close(); // opened while close() ran, maybe too late for it to see
            return;
        }
        session.fromClient(UdpSession.payload(packet));
    }

    /** Called once per client address, on the receiving thread (so session numbers follow the clients' order). */
    private UdpSession open(SocketAddress client) {
        int number = sessionsOpened++;
        try {
            DatagramSocket upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DatagramLink up = new DatagramLink(toTarget, toTargetCounts, random(number, Direction.TO_TARGET),
                    upstream, target, timer);
            DatagramLink down = new DatagramLink(toClient, toClientCounts, random(number, Direction.TO_CLIENT),
                    socket, client, timer);
            return UdpSession.start(upstream, target, up, down, "udp-proxy-" + port() + "-session-" + number);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Random random(int session, Direction direction) {
        return new Random(seed ^ (0x9E3779B97F4A7C15L * (2L * session + direction.ordinal() + 1)));
    }
}
