package dev.ferry.testkit.net;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client connection through the proxy: two sockets and a pump thread (virtual) for each direction. An end of
 * stream is passed on as a half-close; when both directions ended, both sockets close. An I/O failure on either
 * side resets both, so that a reset travels through the proxy as it would through a router.
 */
final class ProxyConnection {

    private final Socket client;
    private final Socket target;
    private final Consumer<ProxyConnection> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger pumpsRunning = new AtomicInteger();
    private final List<Thread> pumps = new CopyOnWriteArrayList<>();

    ProxyConnection(Socket client, Socket target, Consumer<ProxyConnection> onClosed) {
        this.client = client;
        this.target = target;
        this.onClosed = onClosed;
    }

    void start(Links links, String name) {
        pumpsRunning.set(2);
        startPump(new Pump(Direction.TO_TARGET, client, target, links), name + "-to-target");
        startPump(new Pump(Direction.TO_CLIENT, target, client, links), name + "-to-client");
    }

    /** Closes both sockets abruptly: each peer gets a RST ("Connection reset"), not an end of stream. */
    void reset() {
        if (closed.compareAndSet(false, true)) {
            lingerZero(client);
            lingerZero(target);
            release();
        }
    }

    /** Closes both sockets in the ordinary way: each peer reads an end of stream. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    private void startPump(Pump pump, String name) {
        pumps.add(Thread.ofVirtual().name(name).start(() -> {
            try {
                pump.run();
                if (pumpsRunning.decrementAndGet() == 0) {
                    close();
                }
            } catch (IOException | InterruptedException failed) {
                reset();
            }
        }));
    }

    private void release() {
        closeQuietly(client);
        closeQuietly(target);
        // wakes a pump that waits out a stall, a latency or a bandwidth cap
        pumps.forEach(Thread::interrupt);
        onClosed.accept(this);
    }

    private static void lingerZero(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // nothing to reset
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }
}
