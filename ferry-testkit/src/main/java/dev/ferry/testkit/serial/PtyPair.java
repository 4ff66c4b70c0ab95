package dev.ferry.testkit.serial;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A pair of connected pseudo-terminals made by socat, standing in for a serial line: the source opens
 * {@link #device()}; the test writes what the device sends with {@link #write}, or lets a device of its own (a Modbus
 * RTU server) open {@link #feeder()}. {@link #unplug()} kills socat, which
 * is what a USB unplug looks like to the reader (the read fails, the path vanishes); {@link #plug()} makes a new
 * pair on the same paths.
 */
public final class PtyPair implements AutoCloseable {

    private final Path device;
    private final Path feeder;
    private final Path socatLog;
    private @Nullable Process socat;
    private @Nullable OutputStream out;

    private PtyPair(Path dir, String deviceName) {
        this.device = dir.resolve(deviceName);
        this.feeder = dir.resolve(deviceName + ".feeder");
        this.socatLog = dir.resolve(deviceName + ".socat.log");
    }

    /** Makes a plugged-in pair in {@code dir}, the device end named {@code dev}. */
    public static PtyPair start(Path dir) {
        return start(dir, "dev");
    }

    /** Makes a plugged-in pair in {@code dir}, the device end named as a port on a gateway is ({@code ttyUSB0}). */
    public static PtyPair start(Path dir, String deviceName) {
        PtyPair pair = new PtyPair(dir, deviceName);
        pair.plug();
        return pair;
    }

    /** The path the source opens: a symbolic link to the device end's /dev/pts/N. */
    public Path device() {
        return device;
    }

    /** The other end: a symbolic link to its /dev/pts/N, where {@link #write} sends bytes. */
    public Path feeder() {
        return feeder;
    }

    public synchronized void plug() {
        if (socat != null) {
            throw new IllegalStateException("already plugged in");
        }
        try {
            Files.deleteIfExists(device);
            Files.deleteIfExists(feeder);
            socat = new ProcessBuilder("socat", "-d", "-d",
                    "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + feeder)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(socatLog.toFile()))
                    .start();
            waitForLinks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start socat (is it installed?)", e);
        }
    }

    private void waitForLinks() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(Files.exists(device) && Files.exists(feeder))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IllegalStateException("socat made no pseudo-terminal pair; see " + socatLog);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for socat", e);
            }
        }
    }

    /** Kills socat: both ends vanish, the reader's next read fails. */
    public synchronized void unplug() {
        if (socat == null) {
            return;
        }
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the pty may already be gone
        }
        out = null;
        socat.destroy();
        try {
            socat.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat = null;
        try {
            Files.deleteIfExists(device);
            Files.deleteIfExists(feeder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void write(byte[] bytes) {
        if (socat == null) {
            throw new IllegalStateException("unplugged");
        }
        try {
            if (out == null) {
                out = Files.newOutputStream(feeder, StandardOpenOption.WRITE);
            }
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String text) {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        unplug();
    }
}
