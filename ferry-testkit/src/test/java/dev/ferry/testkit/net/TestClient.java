package dev.ferry.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;

/** A blocking TCP client for the proxy tests: writes bytes, reads them back, and tells silence from data. */
final class TestClient implements AutoCloseable {

    /** How long a read waits before the test calls the line silent. */
    static final Duration SILENCE = Duration.ofMillis(300);
    private static final Duration READ_BOUND = Duration.ofSeconds(10);

    final Socket socket;

    private TestClient(Socket socket) {
        this.socket = socket;
    }

    static TestClient connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) READ_BOUND.toMillis());
        socket.setSoTimeout((int) READ_BOUND.toMillis());
        return new TestClient(socket);
    }

    /** Bytes that differ from one position to the next, so that a lost, doubled or swapped byte shows. */
    static byte[] pattern(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
    }

    byte[] readExactly(int length) throws IOException {
        return socket.getInputStream().readNBytes(length);
    }

    /**
     * True when nothing (no byte, no end of stream) arrives within {@link #SILENCE}; a byte that does arrive is
     * consumed. After silence the socket stays usable.
     */
    boolean silent() throws IOException {
        socket.setSoTimeout((int) SILENCE.toMillis());
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException quiet) {
            return true;
        } finally {
            socket.setSoTimeout((int) READ_BOUND.toMillis());
        }
    }

    /** Reads until the end of stream; returns how many bytes came before it. */
    int readToEnd() throws IOException {
        InputStream in = socket.getInputStream();
        int count = 0;
        while (in.read() >= 0) {
            count++;
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
