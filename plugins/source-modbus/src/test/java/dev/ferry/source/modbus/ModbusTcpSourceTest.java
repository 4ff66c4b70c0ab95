package dev.ferry.source.modbus;

import static dev.ferry.source.modbus.Points.bit;
import static dev.ferry.source.modbus.Points.ordered;
import static dev.ferry.source.modbus.Points.point;
import static dev.ferry.source.modbus.Points.scaled;
import static dev.ferry.source.modbus.Points.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalpetri.modbus.ExceptionCode;
import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.testkit.TestPluginContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against digitalpetri's Modbus TCP server, in-process on a loopback port. */
class ModbusTcpSourceTest {

    private static TestModbusServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestModbusServer.startTcp();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshImage() {
        server.reset();
    }

    @Test
    void sixteenBitTypesAndByteOrder() throws Exception {
        server.setRegisters(Table.HOLDING, 0, 0xFFFE, 0xFFFE, 0x3412, 0x0080);
        Map<String, Value> values = read(List.of(
                point("i16", Table.HOLDING, 0, DataType.INT16),
                point("u16", Table.HOLDING, 1, DataType.UINT16),
                ordered("u16-swapped", 2, DataType.UINT16, Order.LITTLE, Order.BIG),
                ordered("i16-swapped", 3, DataType.INT16, Order.LITTLE, Order.BIG)));
        assertThat(values).containsExactly(
                Map.entry("i16", Value.of(-2L)),
                Map.entry("u16", Value.of(65534L)),
                Map.entry("u16-swapped", Value.of(0x1234L)),
                Map.entry("i16-swapped", Value.of(-32768L)));
    }

    @Test
    void thirtyTwoBitIntegersInAllFourOrders() throws Exception {
        // 0x12345678 = 305419896 as ABCD, CDAB, BADC, DCBA; then -2 and 4294967294 from FFFF FFFE.
        server.setRegisters(Table.HOLDING, 10, 0x1234, 0x5678, 0x5678, 0x1234, 0x3412, 0x7856, 0x7856, 0x3412,
                0xFFFF, 0xFFFE, 0xFFFF, 0xFFFE);
        Map<String, Value> values = read(List.of(
                ordered("abcd", 10, DataType.INT32, Order.BIG, Order.BIG),
                ordered("cdab", 12, DataType.INT32, Order.BIG, Order.LITTLE),
                ordered("badc", 14, DataType.UINT32, Order.LITTLE, Order.BIG),
                ordered("dcba", 16, DataType.UINT32, Order.LITTLE, Order.LITTLE),
                point("negative", Table.HOLDING, 18, DataType.INT32),
                point("unsigned", Table.HOLDING, 20, DataType.UINT32)));
        assertThat(values).containsExactly(
                Map.entry("abcd", Value.of(305419896L)),
                Map.entry("cdab", Value.of(305419896L)),
                Map.entry("badc", Value.of(305419896L)),
                Map.entry("dcba", Value.of(305419896L)),
                Map.entry("negative", Value.of(-2L)),
                Map.entry("unsigned", Value.of(4294967294L)));
    }

    @Test
    void floatsInAllFourOrders() throws Exception {
        // 230.1f = 0x4366199A; -12.25f = 0xC1440000
        server.setRegisters(Table.INPUT, 0, 0x4366, 0x199A, 0x199A, 0x4366, 0x6643, 0x9A19, 0x9A19, 0x6643, 0xC144, 0x0000);
        Map<String, Value> values = read(List.of(
                input("abcd", 0, DataType.FLOAT32, Order.BIG, Order.BIG),
                input("cdab", 2, DataType.FLOAT32, Order.BIG, Order.LITTLE),
                input("badc", 4, DataType.FLOAT32, Order.LITTLE, Order.BIG),
                input("dcba", 6, DataType.FLOAT32, Order.LITTLE, Order.LITTLE),
                input("negative", 8, DataType.FLOAT32, Order.BIG, Order.BIG)));
        assertThat(values).containsExactly(
                Map.entry("abcd", Value.of(230.1)),
                Map.entry("cdab", Value.of(230.1)),
                Map.entry("badc", Value.of(230.1)),
                Map.entry("dcba", Value.of(230.1)),
                Map.entry("negative", Value.of(-12.25)));
    }

    @Test
    void sixtyFourBitValuesInBothWordOrders() throws Exception {
        // 0x0102030405060708 = 72623859790382856; pi = 0x400921FB54442D18
        server.setRegisters(Table.HOLDING, 0, 0x0102, 0x0304, 0x0506, 0x0708, 0x0708, 0x0506, 0x0304, 0x0102,
                0x4009, 0x21FB, 0x5444, 0x2D18, 0x182D, 0x4454, 0xFB21, 0x0940);
        Map<String, Value> values = read(List.of(
                ordered("int-big", 0, DataType.INT64, Order.BIG, Order.BIG),
                ordered("int-word-little", 4, DataType.INT64, Order.BIG, Order.LITTLE),
                ordered("pi-big", 8, DataType.FLOAT64, Order.BIG, Order.BIG),
                ordered("pi-little", 12, DataType.FLOAT64, Order.LITTLE, Order.LITTLE)));
        assertThat(values).containsExactly(
                Map.entry("int-big", Value.of(72623859790382856L)),
                Map.entry("int-word-little", Value.of(72623859790382856L)),
                Map.entry("pi-big", Value.of(Math.PI)),
                Map.entry("pi-little", Value.of(Math.PI)));
    }

    @Test
    void coilsDiscreteInputsAndBitsOfARegister() throws Exception {
        server.setBits(Table.COIL, 0, true, false, true);
        server.setBits(Table.DISCRETE_INPUT, 17, true);
        server.setRegisters(Table.HOLDING, 40, 0b1000_0000_0000_0101);
        Map<String, Value> values = read(List.of(
                point("pump", Table.COIL, 0, null),
                point("fan", Table.COIL, 1, DataType.BOOL),
                point("heater", Table.COIL, 2, null),
                point("door", Table.DISCRETE_INPUT, 17, null),
                point("window", Table.DISCRETE_INPUT, 18, null),
                bit("bit0", Table.HOLDING, 40, 0),
                bit("bit1", Table.HOLDING, 40, 1),
                bit("bit2", Table.HOLDING, 40, 2),
                bit("bit15", Table.HOLDING, 40, 15)));
        assertThat(values).containsExactly(
                Map.entry("pump", Value.of(true)),
                Map.entry("fan", Value.of(false)),
                Map.entry("heater", Value.of(true)),
                Map.entry("door", Value.of(true)),
                Map.entry("window", Value.of(false)),
                Map.entry("bit0", Value.of(true)),
                Map.entry("bit1", Value.of(false)),
                Map.entry("bit2", Value.of(true)),
                Map.entry("bit15", Value.of(true)));
    }

    @Test
    void stringsEndAtTheFirstNulOrTrailingSpaces() throws Exception {
        server.setRegisters(Table.HOLDING, 0, 'F' << 8 | 'R', 'Y' << 8 | '-', '1' << 8, 0);
        server.setRegisters(Table.HOLDING, 4, 'A' << 8 | 'B', ' ' << 8 | ' ');
        Map<String, Value> values = read(List.of(text("model", 0, 4), text("padded", 4, 2)));
        assertThat(values).containsExactly(Map.entry("model", Value.of("FRY-1")), Map.entry("padded", Value.of("AB")));
    }

    @Test
    void scaleAndOffsetMakeNumbersAndUnitsAndTagsTravel() throws Exception {
        server.setRegisters(Table.HOLDING, 0, 2301, 0xFFF6, 500, 0x4366, 0x199A);
        List<Reading> readings = source(List.of(
                scaled("voltage", 0, DataType.UINT16, 0.1, 0, "V"),
                scaled("temperature", 1, DataType.INT16, 0.5, -40, "Cel"),
                new PointConfig("power", Table.HOLDING, 2, DataType.UINT16, Order.BIG, Order.BIG, null, null, 1, 0,
                        "W", Map.of("phase", "L1")),
                scaled("doubled", 3, DataType.FLOAT32, 2, 1, ""))).poll(deadline());
        assertThat(readings).extracting(Reading::metric, Reading::value, Reading::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple("voltage", Value.of(230.1), "V"),
                org.assertj.core.groups.Tuple.tuple("temperature", Value.of(-45.0), "Cel"),
                org.assertj.core.groups.Tuple.tuple("power", Value.of(500L), "W"),
                org.assertj.core.groups.Tuple.tuple("doubled", Value.of(461.2), ""));
        assertThat(readings.get(2).tags()).containsExactly(Map.entry("phase", "L1"));
        assertThat(readings).extracting(Reading::source).containsOnly("meter");
        assertThat(readings).extracting(Reading::time).containsOnly(readings.getFirst().time());
    }

    @Test
    void neighbouringPointsAreReadWithOneRequestPerTable() throws Exception {
        read(List.of(
                point("a", Table.HOLDING, 0, DataType.FLOAT32),
                point("b", Table.HOLDING, 2, DataType.UINT16),
                point("c", Table.HOLDING, 3, DataType.INT32),
                point("x", Table.INPUT, 7, DataType.UINT16),
                point("y", Table.COIL, 0, null),
                point("z", Table.COIL, 1, null)));
        assertThat(server.requests()).containsExactly(
                new TestModbusServer.Request(Table.HOLDING, 0, 5),
                new TestModbusServer.Request(Table.INPUT, 7, 1),
                new TestModbusServer.Request(Table.COIL, 0, 2));
    }

    @Test
    void anExceptionResponseIsMalformedDataNamedByItsCode() throws Exception {
        server.refuse(Table.HOLDING, 105, 105, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        PolledSource source = source(List.of(point("a", Table.HOLDING, 100, DataType.UINT16),
                point("b", Table.HOLDING, 101, DataType.UINT16), text("c", 102, 8)));
        assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(MalformedDataException.class)
                .hasMessage("ILLEGAL_DATA_ADDRESS (0x02) reading holding registers 100..109 from unit 1");
        server.refuse(Table.COIL, 0, 0, ExceptionCode.SLAVE_DEVICE_FAILURE);
        PolledSource coils = source(List.of(point("pump", Table.COIL, 0, null)));
        assertThatThrownBy(() -> coils.poll(deadline())).isInstanceOf(MalformedDataException.class)
                .hasMessage("SLAVE_DEVICE_FAILURE (0x04) reading coils 0 from unit 1");
        source.close();
        coils.close();
    }

    @Test
    void aUnitThatNeverAnswersFailsTheReadAsTransientByTheDeadline() throws Exception {
        server.serveUnits(1);
        ModbusConfig config = new ModbusConfig(new TcpConfig("127.0.0.1", server.port()), null, 9,
                Duration.ofMillis(300), 0, 125, 2000, List.of(point("a", Table.HOLDING, 0, DataType.UINT16)));
        try (PolledSource source = create(config)) {
            assertThatThrownBy(() -> source.poll(Deadline.after(Duration.ofMillis(300), Clock.systemUTC())))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no answer from unit 9 within 300ms reading holding registers 0 from unit 9");
        }
    }

    @Test
    void aRestartedServerIsReadAgainWithoutHelp() throws Exception {
        server.setRegisters(Table.HOLDING, 0, 7);
        try (PolledSource source = source(List.of(point("count", Table.HOLDING, 0, DataType.UINT16)))) {
            assertThat(source.poll(deadline())).extracting(Reading::value).containsExactly(Value.of(7L));
            server.stop();
            try {
                // The first read may still find the old connection open and see it close under it.
                assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(IOException.class)
                        .message().containsAnyOf("the connection was closed", "refused");
                assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(IOException.class)
                        .hasMessageStartingWith("cannot connect to 127.0.0.1:" + server.port() + ": ")
                        .hasMessageContaining("refused");
            } finally {
                server.start();
            }
            server.setRegisters(Table.HOLDING, 0, 8);
            assertThat(source.poll(deadline())).extracting(Reading::value).containsExactly(Value.of(8L));
        }
    }

    @Test
    void nothingListensAtAllIsATransientFault() throws Exception {
        int closedPort = TestModbusServer.freePort();
        try (PolledSource source = create(Points.tcp(closedPort, List.of(point("a", Table.HOLDING, 0, DataType.UINT16))))) {
            assertThatThrownBy(() -> source.poll(deadline())).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot connect to 127.0.0.1:" + closedPort);
        }
    }

    private static PointConfig input(String name, int address, DataType type, Order byteOrder, Order wordOrder) {
        return new PointConfig(name, Table.INPUT, address, type, byteOrder, wordOrder, null, null, 1, 0, null, Map.of());
    }

    private Map<String, Value> read(List<PointConfig> points) throws Exception {
        try (PolledSource source = source(points)) {
            Map<String, Value> values = new LinkedHashMap<>();
            for (Reading reading : source.poll(deadline())) {
                values.put(reading.metric(), reading.value());
            }
            return values;
        }
    }

    private PolledSource source(List<PointConfig> points) {
        return create(Points.tcp(server.port(), points));
    }

    private PolledSource create(ModbusConfig config) {
        assertThat(new ModbusSourceProvider().validate(config)).isEmpty();
        return (PolledSource) new ModbusSourceProvider().create(config, new TestPluginContext("meter", dir));
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5), Clock.systemUTC());
    }
}
