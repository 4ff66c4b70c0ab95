package dev.ferry.source.modbus;

import static dev.ferry.source.modbus.Points.point;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.ConfigProblem;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.source.modbus.internal.ModbusSource;
import dev.ferry.source.modbus.internal.ReadRequest;
import dev.ferry.testkit.TestPluginContext;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModbusSourceProviderTest {

    private final ModbusSourceProvider provider = new ModbusSourceProvider();

    @TempDir
    Path dir;

    @Test
    void isFoundByServiceLoaderAsTypeModbus() throws Exception {
        PluginRegistry found = PluginRegistry.load(getClass().getClassLoader());
        assertThat(found.source("modbus")).isInstanceOf(ModbusSourceProvider.class);
    }

    @Test
    void aSoundConfigHasNoProblems() {
        assertThat(provider.validate(Points.tcp(502, List.of(
                point("a", Table.HOLDING, 0, DataType.FLOAT64),
                Points.bit("b0", Table.HOLDING, 4, 0),
                Points.bit("b1", Table.HOLDING, 4, 1),
                Points.text("s", 5, 10),
                point("c", Table.COIL, 0, null),
                point("d", Table.DISCRETE_INPUT, 0, null),
                point("last", Table.INPUT, 65534, DataType.INT32))))).isEmpty();
        assertThat(provider.validate(new ModbusConfig(null, new RtuConfig("/dev/ttyUSB0", 19200, 8, Parity.EVEN, 1), 247,
                Duration.ofSeconds(1), 0, 125, 2000, List.of(point("a", Table.HOLDING, 0, null))))).isEmpty();
    }

    @Test
    void pointProblemsNameTheKeyAndTheValue() {
        List<ConfigProblem> problems = provider.validate(Points.tcp(502, List.of(
                point("a", Table.HOLDING, 70000, DataType.UINT16),
                point("a", Table.HOLDING, 1, DataType.UINT16),
                point("s", Table.HOLDING, 2, DataType.STRING),
                point("flag", Table.INPUT, 0, DataType.BOOL),
                point("coil", Table.COIL, 0, DataType.FLOAT32),
                new PointConfig("b", Table.HOLDING, 10, DataType.INT16, Order.BIG, Order.LITTLE, 3, 4, 1, 0, null, Map.of()),
                new PointConfig("t", Table.HOLDING, 20, DataType.BOOL, Order.BIG, Order.BIG, null, 16, 2, 0, null, Map.of()),
                point("far", Table.HOLDING, 65535, DataType.FLOAT32),
                point("wide", Table.INPUT, 100, DataType.FLOAT64),
                point("inside", Table.INPUT, 102, DataType.UINT16),
                new PointConfig("zero", Table.HOLDING, 30, DataType.UINT16, Order.BIG, Order.BIG, null, null, 0, 0, null, Map.of()))));
        assertThat(problems).containsExactly(
                new ConfigProblem("points.0.address", "must be between 0 and 65535, was 70000"),
                new ConfigProblem("points.1.name", "duplicate point name \"a\"; each point needs its own name, as it becomes the metric name"),
                new ConfigProblem("points.2.type", "type string needs length: the number of registers the text occupies, two characters each"),
                new ConfigProblem("points.3.type", "type bool on input registers needs a bit index: add bit: 0 to 15 (0 is the least significant bit), or read the register as uint16"),
                new ConfigProblem("points.4.type", "coils hold single bits, so the type must be bool, was float32"),
                new ConfigProblem("points.5.bit", "only for type bool, was given for int16"),
                new ConfigProblem("points.5.length", "only for type string, was given for int16"),
                new ConfigProblem("points.5.word_order", "only for 32- and 64-bit types; a int16 is a single register, so leave it out"),
                new ConfigProblem("points.6.bit", "must be between 0 and 15, was 16"),
                new ConfigProblem("points.6.scale", "only numbers can be scaled; a bool reading cannot, so leave scale out"),
                new ConfigProblem("points.7.address", "a float32 at 65535 needs holding registers 65535..65536, past the last address 65535"),
                new ConfigProblem("points.10.scale", "must not be 0; every reading would be the offset"),
                new ConfigProblem("points.9.address", "input registers 102 overlap point \"wide\" (points.8, input registers 100..103); each register or bit belongs to one point, except different bits of one register read as bool"));
    }

    @Test
    void connectionProblemsNameTheKey() {
        List<PointConfig> one = List.of(point("a", Table.HOLDING, 0, null));
        assertThat(provider.validate(new ModbusConfig(null, null, 1, Duration.ofSeconds(1), 0, 125, 2000, one)))
                .extracting(ConfigProblem::key).containsExactly("tcp");
        assertThat(provider.validate(new ModbusConfig(new TcpConfig("h", 502), new RtuConfig("/dev/x", 9600, 8, Parity.NONE, 1),
                1, Duration.ofSeconds(1), 0, 125, 2000, one))).extracting(ConfigProblem::key).containsExactly("rtu");
        assertThat(provider.validate(new ModbusConfig(new TcpConfig(" ", 0), null, 256, Duration.ZERO, -1, 126, 0, List.of())))
                .containsExactly(
                        new ConfigProblem("tcp.host", "must not be empty; give the device's host name or IP address"),
                        new ConfigProblem("tcp.port", "must be between 1 and 65535, was 0"),
                        new ConfigProblem("unit_id", "must be between 0 and 255, was 256"),
                        new ConfigProblem("timeout", "must be > 0, was PT0S"),
                        new ConfigProblem("merge_gap", "must be >= 0, was -1"),
                        new ConfigProblem("max_registers_per_read", "must be between 1 and 125, was 126; the protocol allows at most 125 registers per read"),
                        new ConfigProblem("max_bits_per_read", "must be between 1 and 2000, was 0; the protocol allows at most 2000 coils or discrete inputs per read"),
                        new ConfigProblem("points", "at least one point is required; list the registers to read"));
        assertThat(provider.validate(new ModbusConfig(null, new RtuConfig("", 0, 9, Parity.ODD, 3), 0, Duration.ofSeconds(1),
                0, 125, 2000, one))).containsExactly(
                        new ConfigProblem("rtu.port", "must not be empty; give the serial device, e.g. /dev/ttyUSB0"),
                        new ConfigProblem("rtu.baud", "must be > 0, was 0"),
                        new ConfigProblem("rtu.data_bits", "must be between 5 and 8, was 9"),
                        new ConfigProblem("rtu.stop_bits", "must be 1 or 2, was 3"),
                        new ConfigProblem("unit_id", "must be between 1 and 247, was 0; on a serial line 0 is broadcast, which no device answers"));
    }

    @Test
    void theExampleConfigLoadsWithTheRealRegistryAndPlansFewRequests() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("example.yaml"), Map.of(), PluginRegistry.load(getClass().getClassLoader()));
        ConfiguredSource meter = config.sources().getFirst();
        assertThat(meter.provider()).isInstanceOf(ModbusSourceProvider.class);
        ModbusConfig modbus = (ModbusConfig) meter.config();
        assertThat(provider.validate(modbus)).isEmpty();
        assertThat(meter.settings().timeout()).isEqualTo(modbus.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(modbus.points()).extracting(PointConfig::typeOrDefault).contains(DataType.FLOAT32, DataType.UINT32,
                DataType.INT16, DataType.UINT16, DataType.STRING, DataType.BOOL);
        try (ModbusSource source = (ModbusSource) meter.create(new TestPluginContext("main-meter", dir))) {
            assertThat(source.plan()).extracting(ReadRequest::describe).containsExactly(
                    "holding registers 4000..4002", "holding registers 5000..5010",
                    "input registers 100..107", "coils 0", "discrete inputs 2");
        }
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`type: modbus`");
        for (Class<? extends Record> type : List.of(ModbusConfig.class, TcpConfig.class, RtuConfig.class, PointConfig.class)) {
            for (String key : keys(type)) {
                assertThat(readme).as("README documents %s.%s", type.getSimpleName(), key).contains("`" + key + "`");
            }
        }
    }

    static List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
        }
        return keys;
    }
}
