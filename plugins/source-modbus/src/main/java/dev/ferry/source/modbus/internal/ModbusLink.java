package dev.ferry.source.modbus.internal;

import com.digitalpetri.modbus.client.ModbusClient;
import dev.ferry.api.Deadline;
import dev.ferry.api.Nullable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;

/**
 * The connection to one device, made when a read needs it and dropped on any sign of trouble (a lost connection,
 * a request without answer), so the next read starts on a fresh one. The library's own reconnect loop stays off:
 * when to try again is the runtime's backoff to decide, the same for every source.
 *
 * <p>Threads: {@link #connected} and {@link #drop} are called by the source's read thread; {@link #close} may be
 * called from another thread while a read hangs, and never blocks.
 */
public abstract class ModbusLink implements AutoCloseable {

    /**
     * A client, the sign that its connection is gone (the library leaves requests in flight waiting for their
     * timeout when the connection closes, so a read watches this too and fails at once), and the true exception
     * code of an exception response given the one the library reported.
     */
    public record Connection(ModbusClient client, CompletableFuture<Void> lost, IntUnaryOperator exceptionCode) {}

    private final AtomicReference<@Nullable Connection> connection = new AtomicReference<>();
    private volatile boolean closed;

    /** A new, unconnected client for the device. */
    protected abstract Connection newConnection() throws IOException;

    /** The device as messages name it: {@code 10.0.0.5:502}, {@code /dev/ttyUSB0}. */
    public abstract String peer();

    /** The client, connected; connects first when there is no live connection. */
    public Connection connected(Deadline deadline) throws IOException, InterruptedException {
        Connection current = connection.get();
        if (current != null && current.client().isConnected() && !current.lost().isDone()) {
            return current;
        }
        drop();
        if (closed) {
            throw new IOException("the source is closed");
        }
        Connection made = newConnection();
        ModbusClient fresh = made.client();
        try {
            fresh.connectAsync().toCompletableFuture().get(Math.max(1, Waits.nanosLeft(deadline)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            fresh.disconnectAsync();
            throw new IOException("cannot connect to " + peer() + ": no connection before the read's deadline");
        } catch (ExecutionException e) {
            fresh.disconnectAsync();
            throw new IOException("cannot connect to " + peer() + ": " + Causes.describe(e.getCause()));
        } catch (InterruptedException e) {
            fresh.disconnectAsync();
            throw e;
        }
        connection.set(made);
        if (closed) {
            drop();
            throw new IOException("the source is closed");
        }
        return made;
    }

    /** Closes the connection, if any; the next read connects anew. */
    public void drop() {
        Connection current = connection.getAndSet(null);
        if (current != null) {
            current.lost().complete(null);
            current.client().disconnectAsync();
        }
    }

    @Override
    public void close() {
        closed = true;
        drop();
    }
}
