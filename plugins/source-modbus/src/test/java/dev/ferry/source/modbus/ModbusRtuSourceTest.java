package dev.ferry.source.modbus;

import static dev.ferry.source.modbus.Points.point;
import static dev.ferry.source.modbus.Points.scaled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.serial.server.SerialPortServerTransport;
import com.digitalpetri.modbus.server.ModbusRtuServer;
import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.testkit.TestPluginContext;
import dev.ferry.testkit.serial.PtyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modbus RTU over a pseudo-terminal pair made by socat: digitalpetri's RTU server (jSerialComm) on one end, the
 * source on the other, both opening the pair's symbolic links. The server is patched for one library bug, see
 * {@link PatchedRtuServer}.
 */
class ModbusRtuSourceTest {

    @TempDir
    Path dir;

    private PtyPair line;
    private TestModbusServer image;
    private ModbusRtuServer server;

    @BeforeEach
    void startLineAndServer() throws Exception {
        line = PtyPair.start(dir);
        image = TestModbusServer.imageOnly();
        server = new PatchedRtuServer(SerialPortServerTransport.create(t -> {
            t.setSerialPort(line.feeder().toString());
            t.setBaudRate(19200);
            // A pseudo-terminal cannot keep a parity setting (Linux refuses it, and the port then fails to open
            // again), so the line runs 8N1 here.
        }), image.services());
        server.start();
    }

    @AfterEach
    void stopLineAndServer() throws Exception {
        if (server != null) {
            server.stop();
        }
        line.close();
    }

    @Test
    void readsRegistersAndBitsOverTheSerialLine() throws Exception {
        image.serveUnits(5);
        image.setRegisters(Table.HOLDING, 0, 0x4366, 0x199A, 2301);
        image.setRegisters(Table.INPUT, 10, 'O' << 8 | 'K');
        image.setBits(Table.COIL, 3, true);
        try (PolledSource source = source(5, List.of(
                point("voltage", Table.HOLDING, 0, DataType.FLOAT32),
                scaled("scaled", 2, DataType.UINT16, 0.1, 0, "V"),
                new PointConfig("status", Table.INPUT, 10, DataType.STRING, Order.BIG, Order.BIG, 1, null, 1, 0, null, java.util.Map.of()),
                point("relay", Table.COIL, 3, null)))) {
            assertThat(source.poll(deadline())).extracting(Reading::metric, Reading::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("voltage", Value.of(230.1)),
                    org.assertj.core.groups.Tuple.tuple("scaled", Value.of(230.1)),
                    org.assertj.core.groups.Tuple.tuple("status", Value.of("OK")),
                    org.assertj.core.groups.Tuple.tuple("relay", Value.of(true)));
            image.setRegisters(Table.HOLDING, 2, 2302);
            assertThat(source.poll(deadline()).get(1).value()).isEqualTo(Value.of(230.2));
        }
    }

    @Test
    void exceptionsAndSilenceAreToldApart() throws Exception {
        image.serveUnits(1);
        image.refuse(Table.HOLDING, 7, 7, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        try (PolledSource refused = source(1, List.of(point("x", Table.HOLDING, 6, DataType.INT32)))) {
            assertThatThrownBy(() -> refused.poll(deadline())).isInstanceOf(MalformedDataException.class)
                    .hasMessage("ILLEGAL_DATA_ADDRESS (0x02) reading holding registers 6..7 from unit 1");
        }
        try (PolledSource silent = source(9, List.of(point("x", Table.HOLDING, 0, null)))) {
            assertThatThrownBy(() -> silent.poll(deadline())).isInstanceOf(IOException.class)
                    .hasMessage("no answer from unit 9 within 500ms reading holding registers 0 from unit 9");
        }
        // After a unit that stayed silent, the line is clean for the next read.
        image.setRegisters(Table.HOLDING, 0, 42);
        try (PolledSource good = source(1, List.of(point("x", Table.HOLDING, 0, null)))) {
            assertThat(good.poll(deadline())).extracting(Reading::value).containsExactly(Value.of(42L));
        }
    }

    @Test
    void aMissingDeviceIsATransientFaultAndIsOpenedOnceItAppears() throws Exception {
        Path later = dir.resolve("later");
        image.setRegisters(Table.HOLDING, 0, 1);
        try (PolledSource source = create(new ModbusConfig(null, new RtuConfig(later.toString(), 19200, 8, Parity.NONE, 1), 1,
                Duration.ofMillis(500), 0, 125, 2000, List.of(point("x", Table.HOLDING, 0, null))))) {
            assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot ").hasMessageContaining(later.toString());
            Files.createSymbolicLink(later, Files.readSymbolicLink(line.device()));
            assertThat(source.poll(deadline())).extracting(Reading::value).containsExactly(Value.of(1L));
        }
    }

    private PolledSource source(int unit, List<PointConfig> points) {
        return create(new ModbusConfig(null, new RtuConfig(line.device().toString(), 19200, 8, Parity.NONE, 1), unit,
                Duration.ofMillis(500), 0, 125, 2000, points));
    }

    private PolledSource create(ModbusConfig config) {
        assertThat(new ModbusSourceProvider().validate(config)).isEmpty();
        return (PolledSource) new ModbusSourceProvider().create(config, new TestPluginContext("rtu", dir));
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofMillis(500), Clock.systemUTC());
    }
}
