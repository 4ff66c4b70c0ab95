package dev.ferry.source.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.ferry.source.serial.SerialConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One open serial port. Reads block for at most {@link #READ_TIMEOUT_MS}, so the reader notices a stop and a
 * vanished device even on a silent line. Every I/O fault is an {@link IOException} whose message names the port
 * and says what to check. Used by one thread.
 */
final class SerialLink implements AutoCloseable {

    /** Linux serial timeouts have decisecond granularity. */
    static final int READ_TIMEOUT_MS = 200;

    private final Path path;
    private final Path device;
    private final SerialPort port;

    private SerialLink(Path path, Path device, SerialPort port) {
        this.path = path;
        this.device = device;
        this.port = port;
    }

    /**
     * Opens {@code path} with the configured line settings; a symbolic link is followed now, at each open. Messages
     * name the port as the config writes it, which is what the operator knows it by.
     */
    static SerialLink open(Path path, SerialConfig config) throws IOException {
        String named = config.port();
        Path device;
        try {
            device = path.toRealPath();
        } catch (IOException e) {
            throw new IOException("serial port " + named + " does not exist (device unplugged?)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device.toString());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("serial port " + named + " cannot be used: " + e.getMessage());
        }
        port.setComPortParameters(config.baud(), config.dataBits(), LineSettings.stopBits(config.stopBits()),
                LineSettings.parity(config.parity()));
        port.setFlowControl(LineSettings.flowControl(config.flowControl()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + named + ": " + LineSettings.describeError(port.getLastErrorCode()));
        }
        return new SerialLink(path, device, port);
    }

    Path device() {
        return device;
    }

    /**
     * Reads what has arrived into {@code buffer}: at least one byte, or 0 after a quiet read timeout. Throws when
     * the port failed or its path is gone or now leads to another device (unplugged, replugged elsewhere).
     */
    int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("reading serial port " + path + " failed (device unplugged?)");
        }
        if (n == 0 && !device.equals(currentDevice())) {
            throw new IOException("serial port " + path + " is gone (device unplugged?)");
        }
        return n;
    }

    private Path currentDevice() {
        try {
            return Files.exists(path) ? path.toRealPath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
