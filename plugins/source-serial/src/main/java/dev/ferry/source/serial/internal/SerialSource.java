package dev.ferry.source.serial.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.Nullable;
import dev.ferry.api.StreamingSource;
import dev.ferry.source.serial.SerialConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial device that talks unasked. {@link #start} holds the port open and blocks while frames flow; when the
 * port cannot be opened or fails (the device was unplugged) it throws {@link IOException}, and the runtime reports
 * the source DEGRADED with that message and calls start again after its backoff, which reopens the port once the
 * device is back. {@link #close} ends a running start within a read timeout.
 */
public final class SerialSource implements StreamingSource {

    private static final Logger log = LoggerFactory.getLogger(SerialSource.class);
    private static final Duration SESSION_END = Duration.ofSeconds(2);

    private final String name;
    private final Path path;
    private final SerialConfig config;
    private final Decoding decoding;
    private final Clock clock;
    private final HealthReporter health;
    private volatile boolean closed;
    private volatile @Nullable ReadSession session;
    private boolean failedBefore;

    public SerialSource(String name, Path path, SerialConfig config, Clock clock, HealthReporter health) {
        this.name = name;
        this.path = path;
        this.config = config;
        this.decoding = new Decoding(name, config);
        this.clock = clock;
        this.health = health;
    }

    @Override
    public void start(Emitter out) throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        ReadSession current = new ReadSession(name, path, config, decoding, clock, health, out);
        session = current;
        Thread reader = Thread.ofPlatform().daemon().name("serial-" + name).start(current);
        if (closed) {
            current.stop();
        }
        try {
            reader.join();
        } catch (InterruptedException e) {
            current.stop();
            reader.join(SESSION_END); // the port must be free before a restart opens it again
            throw e;
        }
        Exception failure = current.failure();
        if (failure == null || closed) {
            return;
        }
        throw fault(current, failure);
    }

    private IOException fault(ReadSession ended, Exception failure) {
        if (failure instanceof RuntimeException bug) {
            throw bug;
        }
        if (ended.opened()) {
            log.warn("source {}: {}; reopening with backoff", name, failure.getMessage());
        } else if (!failedBefore) {
            log.warn("source {}: {}; retrying with backoff", name, failure.getMessage());
        }
        failedBefore = !ended.opened();
        return failure instanceof IOException io ? io : new IOException("reading serial port " + path + " was interrupted");
    }

    @Override
    public void close() {
        closed = true;
        ReadSession current = session;
        if (current != null) {
            current.stop();
        }
    }
}
