package dev.ferry.source.modbus.internal;

import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.serial.client.SerialPortClientTransport;
import com.fazecast.jSerialComm.SerialPort;
import dev.ferry.source.modbus.Parity;
import dev.ferry.source.modbus.RtuConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Modbus RTU on a serial line. */
public final class RtuLink extends ModbusLink {

    private final RtuConfig config;
    private final String device;
    private final Duration timeout;

    /** @param device the serial device's path, resolved against the config file's directory */
    public RtuLink(RtuConfig config, String device, Duration timeout) {
        this.config = config;
        this.device = device;
        this.timeout = timeout;
    }

    @Override
    protected Connection newConnection() throws IOException {
        SerialPortClientTransport transport;
        try {
            transport = SerialPortClientTransport.create(t -> {
                t.setSerialPort(device);
                t.setBaudRate(config.baud());
                t.setDataBits(config.dataBits());
                t.setParity(parity(config.parity()));
                t.setStopBits(config.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT);
            });
        } catch (RuntimeException e) {
            // jSerialComm refuses a path that does not exist (yet): an adapter unplugged is a transient fault.
            throw new IOException("cannot open " + device + ": " + Causes.describe(e));
        }
        RtuExceptionCodes codes = new RtuExceptionCodes(transport);
        // A serial line has no connection to lose: a device gone silent shows as requests without answer.
        return new Connection(ModbusRtuClient.create(codes, c -> c.setRequestTimeout(timeout)), new CompletableFuture<>(),
                codes::trueCode);
    }

    @Override
    public String peer() {
        return device;
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
