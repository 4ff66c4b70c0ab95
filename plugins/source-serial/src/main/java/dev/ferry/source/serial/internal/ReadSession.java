package dev.ferry.source.serial.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.Nullable;
import dev.ferry.source.serial.SerialConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stretch of the port being open: open, read and decode until the port fails or the source stops, close.
 * Runs on a platform thread of its own: jSerialComm reads in native code, which would pin a virtual thread's
 * carrier for as long as it blocks and so hold up other sources.
 */
final class ReadSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReadSession.class);
    private static final int READ_SIZE = 4096;

    private final String name;
    private final Path path;
    private final SerialConfig config;
    private final Decoding decoding;
    private final Clock clock;
    private final HealthReporter health;
    private final Emitter emitter;
    private volatile boolean stopped;
    private volatile @Nullable Exception failure;
    private boolean opened;

    ReadSession(String name, Path path, SerialConfig config, Decoding decoding, Clock clock, HealthReporter health,
            Emitter emitter) {
        this.name = name;
        this.path = path;
        this.config = config;
        this.decoding = decoding;
        this.clock = clock;
        this.health = health;
        this.emitter = emitter;
    }

    @Override
    public void run() {
        try (SerialLink link = SerialLink.open(path, config)) {
            opened = true;
            log.info("source {}: serial port {} ({}) open at {} baud", name, path, link.device(), config.baud());
            health.up();
            FrameHandler handler = new FrameHandler(decoding.decoder(), clock, emitter);
            Framer framer = decoding.framer(handler, READ_SIZE);
            byte[] buffer = new byte[READ_SIZE];
            while (!stopped) {
                int n = link.read(buffer);
                if (n > 0 && !stopped) {
                    framer.accept(buffer, n);
                    handler.flush();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!stopped) {
                failure = e;
            }
        }
    }

    /** Makes the session end within a read timeout. */
    void stop() {
        stopped = true;
    }

    /** Whether the port was opened in this session. */
    boolean opened() {
        return opened;
    }

    /** What ended the session, or null when it was stopped. */
    @Nullable Exception failure() {
        return failure;
    }
}
