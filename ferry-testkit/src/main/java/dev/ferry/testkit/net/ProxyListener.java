package dev.ferry.testkit.net;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The proxy's listening port and whom it lets in ({@link Admission}). The port is chosen once, by the kernel, and
 * every later listener binds that same port again, so that clients keep their configured address.
 */
final class ProxyListener implements AutoCloseable {

    private static final int BACKLOG = 50;
    /** The smallest queue {@link ServerSocket} allows (it reads 0 as "the default"), quick to fill. */
    private static final int PLUGGED_BACKLOG = 1;
    /** How long a connect to a full queue is given before it counts as hanging. */
    private static final Duration FULL_PROBE = Duration.ofMillis(200);
    private static final int MAX_FILLERS = 16;
    private static final int BIND_ATTEMPTS = 50;

    private final InetAddress host = InetAddress.getLoopbackAddress();
    private final Consumer<Socket> onAccepted;
    private final List<Socket> fillers = new ArrayList<>();
    private int port;
    private Admission admission = Admission.REFUSE;
    private @Nullable ServerSocket server;
    private @Nullable Thread acceptThread;
    private boolean closed;

    /**
     * A listener that lets nobody in until the first {@link #admit}, which picks the port; {@code onAccepted} gets
     * each accepted socket, on the accept thread.
     */
    ProxyListener(Consumer<Socket> onAccepted) {
        this.onAccepted = onAccepted;
    }

    synchronized InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    synchronized Admission admission() {
        return admission;
    }

    synchronized void admit(Admission next) throws IOException {
        if (closed) {
            throw new IllegalStateException("the proxy on port " + port + " is closed; start a new one");
        }
        if (next == admission) {
            return;
        }
        release();
        admission = Admission.REFUSE; // what is true until the new listener is up
        try {
            switch (next) {
                case ACCEPT -> {
                    ServerSocket accepting = bind(BACKLOG);
                    acceptThread = Thread.ofVirtual().name("proxy-" + port + "-accept")
                            .start(() -> acceptAll(accepting));
                }
                case HANG -> fill(bind(PLUGGED_BACKLOG));
                case REFUSE -> {}
            }
        } catch (IOException e) {
            release();
            throw e;
        }
        admission = next;
    }

    @Override
    public synchronized void close() {
        closed = true;
        release();
    }

    private ServerSocket bind(int backlog) throws IOException {
        for (int attempt = 1; ; attempt++) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(host, port), backlog);
                port = socket.getLocalPort();
                server = socket;
                return socket;
            } catch (BindException inUse) {
                socket.close();
                if (attempt == BIND_ATTEMPTS) {
                    throw new IOException("cannot listen on " + host.getHostAddress() + ":" + port + " again: "
                            + inUse.getMessage() + "; another socket took the port while the proxy was not listening",
                            inUse);
                }
                sleepBriefly();
            }
        }
    }

    /** Connects to the plugged listener until a connect hangs: from then on the kernel drops every SYN. */
    private void fill(ServerSocket plugged) throws IOException {
        for (int i = 0; i < MAX_FILLERS; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(plugged.getLocalSocketAddress(), (int) FULL_PROBE.toMillis());
                fillers.add(filler);
            } catch (SocketTimeoutException full) {
                filler.close();
                return;
            }
        }
        throw new IOException("the accept queue of port " + port + " was not full after " + MAX_FILLERS
                + " connections; this kernel does not drop SYNs to a full queue, so connects cannot be made to hang");
    }

    private void acceptAll(ServerSocket accepting) {
        while (true) {
            try {
                onAccepted.accept(accepting.accept());
            } catch (IOException closedOrBroken) {
                return; // closed by a change of admission, or broken: either way this listener is done
            }
        }
    }

    private void release() {
        fillers.forEach(ProxyConnection::closeQuietly);
        fillers.clear();
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing is all that was asked
            }
            server = null;
        }
        if (acceptThread != null) {
            // the JDK closes a socket for good only when the thread blocked on it left: until then it still
            // completes handshakes, and a client that should be refused would connect
            joinQuietly(acceptThread);
            acceptThread = null;
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(Duration.ofMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to listen again", e);
        }
    }
}
