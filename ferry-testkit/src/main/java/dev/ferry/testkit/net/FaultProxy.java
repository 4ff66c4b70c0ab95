package dev.ferry.testkit.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port that forwards every connection to a target and injects faults on the way,
 * switchable at any time from any thread: per direction ({@link #toTarget()}, {@link #toClient()}) latency,
 * bandwidth caps, slicing, stalls and dropping; for the whole proxy black holes, resets, a target that went down,
 * and connects that are refused or hang ({@link Admission}).
 *
 * <p>Each connection runs on two virtual threads, one a direction, that apply the faults as they forward. A
 * connection is opened to the target only when the client connected, and the client's connection is closed when
 * the target cannot be reached (counted in {@link ProxyStats#targetConnectFailures()}).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(broker.address())) {
 *     client.connect(proxy.address());
 *     proxy.blackHole();   // the client's keep-alive must notice
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    private static final Duration TARGET_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress target;
    private final Links links;
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final ProxyListener listener = new ProxyListener(this::accepted);
    private volatile boolean blackHoled;
    private volatile boolean targetDown;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target) {
        this.target = target;
        this.links = new Links(new LinkFaults(), new LinkFaults(), () -> blackHoled, new TrafficCounters());
    }

    /** Starts a proxy to {@code target}; it accepts connections at once on {@link #address()}. */
    public static FaultProxy start(InetSocketAddress target) throws IOException {
        FaultProxy proxy = new FaultProxy(target);
        proxy.listener.admit(Admission.ACCEPT);
        return proxy;
    }

    public static FaultProxy start(String targetHost, int targetPort) throws IOException {
        return start(new InetSocketAddress(targetHost, targetPort));
    }

    /** Where clients connect: a loopback address whose port stays the same for the proxy's life. */
    public InetSocketAddress address() {
        return listener.address();
    }

    public String host() {
        return address().getAddress().getHostAddress();
    }

    public int port() {
        return address().getPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** The faults applied to data from clients to the target. */
    public LinkFaults toTarget() {
        return links.toTarget();
    }

    /** The faults applied to data from the target to clients. */
    public LinkFaults toClient() {
        return links.toClient();
    }

    /** {@link LinkFaults#stall() Stalls} both directions: open connections fall silent, and stay open. */
    public void stall() {
        toTarget().stall();
        toClient().stall();
    }

    /** Ends {@link #stall()} in both directions. */
    public void resume() {
        toTarget().resume();
        toClient().resume();
    }

    /**
     * A half-dead path, as behind a NAT that forgot the connection: open and new connections stay open and every
     * write succeeds, but all data is dropped both ways and no end of stream is passed on. (New connections are
     * still opened to the target, which therefore sees a connection that stays silent.)
     */
    public void blackHole() {
        blackHoled = true;
    }

    /** Forwards again: data read from now on goes through; what was dropped is gone. */
    public void endBlackHole() {
        blackHoled = false;
    }

    /**
     * Closes every open connection abruptly (RST both ways); returns how many. New connections are not affected.
     * A connection counts as open once the proxy has connected it to the target, which is a moment after the
     * client's connect returned: exchange data or wait for {@link ProxyStats#openConnections()} first.
     */
    public int resetConnections() {
        List<ProxyConnection> open = List.copyOf(connections);
        open.forEach(ProxyConnection::reset);
        return open.size();
    }

    /**
     * Changes what connecting clients meet; open connections are not affected, but one that the kernel completed
     * and the proxy had not yet accepted is reset when the listener closes.
     */
    public void admission(Admission admission) throws IOException {
        listener.admit(admission);
    }

    public Admission admission() {
        return listener.admission();
    }

    /**
     * Acts as if the target went away: closes every open connection in the ordinary way (both peers read an end
     * of stream), and closes each new one as soon as it is accepted, as when the target refuses connections.
     * Which connections are open is as for {@link #resetConnections()}.
     */
    public void targetDown() {
        targetDown = true;
        List.copyOf(connections).forEach(ProxyConnection::close);
    }

    /** Ends {@link #targetDown()}: new connections reach the target again. */
    public void targetUp() {
        targetDown = false;
    }

    /** Takes every fault away: both directions cleared, no black hole, target up, connections accepted. */
    public void clearFaults() throws IOException {
        toTarget().clear();
        toClient().clear();
        endBlackHole();
        targetUp();
        admission(Admission.ACCEPT);
    }

    public ProxyStats stats() {
        return links.counters().snapshot(connections.size());
    }

    /** Stops listening and closes every connection; waits for nothing. */
    @Override
    public void close() {
        closed = true;
        listener.close();
        List.copyOf(connections).forEach(ProxyConnection::close);
    }

    /** On the accept thread: the rest happens on the connection's own thread, so accepting never waits. */
    private void accepted(Socket client) {
        links.counters().accepted.increment();
        long number = connectionNumbers.incrementAndGet();
        String name = "proxy-" + client.getLocalPort() + "-connection-" + number;
        Thread.ofVirtual().name(name).start(() -> connect(client, name));
    }

    private void connect(Socket client, String name) {
        if (targetDown) {
            ProxyConnection.closeQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(target, (int) TARGET_CONNECT_TIMEOUT.toMillis());
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException unreachable) {
            links.counters().targetConnectFailures.increment();
            ProxyConnection.closeQuietly(upstream);
            ProxyConnection.closeQuietly(client);
            return;
        }
        ProxyConnection connection = new ProxyConnection(client, upstream, connections::remove);
        connections.add(connection);
        if (closed) {
            connection.close();
            return;
        }
        connection.start(links, name);
    }
}
