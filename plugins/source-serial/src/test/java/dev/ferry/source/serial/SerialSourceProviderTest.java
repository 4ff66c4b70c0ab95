package dev.ferry.source.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.config.DataSize;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.TestPluginContext;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialSourceProviderTest {

    private final SerialSourceProvider provider = new SerialSourceProvider();

    @TempDir
    Path dir;

    @Test
    void isFoundByServiceLoaderAsTypeSerial() throws Exception {
        assertThat(PluginRegistry.load(getClass().getClassLoader()).source("serial")).isInstanceOf(SerialSourceProvider.class);
    }

    @Test
    void theExampleConfigLoadsWithEveryKeyBound() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("example.yaml"), Map.of(), PluginRegistry.load(getClass().getClassLoader()));
        assertThat(config.sources()).extracting(ConfiguredSource::name).containsExactly("climate", "meter");
        for (ConfiguredSource source : config.sources()) {
            assertThat(source.provider()).isInstanceOf(SerialSourceProvider.class);
            assertThat(provider.validate((SerialConfig) source.config())).isEmpty();
        }
        SerialConfig climate = (SerialConfig) config.sources().getFirst().config();
        assertThat(climate.port()).isEqualTo("/dev/ttyUSB0");
        assertThat(climate.baud()).isEqualTo(9600);
        assertThat(climate.format()).isEqualTo(FrameFormat.KEY_VALUE);
        assertThat(climate.maxFrameLength()).isEqualTo(DataSize.ofBytes(1024));
        assertThat(climate.fields()).extracting(FieldConfig::key, FieldConfig::metric, FieldConfig::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T", "temperature", "Cel"),
                        org.assertj.core.groups.Tuple.tuple("H", "humidity", "%"));
        SerialConfig meter = (SerialConfig) config.sources().get(1).config();
        assertThat(meter.frame()).isEqualTo(new BinaryFrameConfig("AA 55", 10, false, Checksum.CRC16_MODBUS, ByteOrder.BIG));
    }

    @Test
    void defaultsAreThoseOfTheCommonestDevice() throws Exception {
        SerialConfig config = (SerialConfig) SerialConfigs.load("""
                type: serial
                port: /dev/ttyUSB0
                fields:
                  - {key: T, metric: temperature}
                """, dir.resolve("unused"), dir).config();
        assertThat(config.baud()).isEqualTo(9600);
        assertThat(config.dataBits()).isEqualTo(8);
        assertThat(config.parity()).isEqualTo(Parity.NONE);
        assertThat(config.stopBits()).isEqualTo(1.0);
        assertThat(config.flowControl()).isEqualTo(FlowControl.NONE);
        assertThat(config.format()).isEqualTo(FrameFormat.KEY_VALUE);
        assertThat(config.separator()).isEqualTo(",");
        assertThat(config.keyValueSeparator()).isEqualTo("=");
        assertThat(config.maxFrameLength()).isEqualTo(DataSize.ofBytes(1024));
        assertThat(config.fields().getFirst().typeOrNumber()).isEqualTo(FieldType.NUMBER);
    }

    @Test
    void everyLineSettingTheSpecificationNamesIsAccepted() throws Exception {
        for (String settings : List.of("data_bits: 5\nstop_bits: 1.5\nparity: mark\nflow_control: rts-cts",
                "data_bits: 7\nstop_bits: 2\nparity: space\nflow_control: xon-xoff", "parity: odd", "parity: even")) {
            SerialConfigs.load("type: serial\nport: /dev/ttyS0\n" + settings + "\nfields:\n  - {key: T, metric: t}\n",
                    dir.resolve("unused"), dir);
        }
    }

    @Test
    void createRefusesAConfigThatDoesNotValidate() {
        SerialConfig bad = new SerialConfig("/dev/ttyUSB0", 9600, 8, Parity.NONE, 1.5, FlowControl.NONE,
                FrameFormat.KEY_VALUE, ",", "=", null, null, List.of(), DataSize.ofBytes(1024));
        assertThat(provider.validate(bad)).containsExactly(
                new ConfigProblem("fields", "needs at least one field; each field makes one reading per frame"));
        assertThatThrownBy(() -> provider.create(bad, new TestPluginContext("boiler", dir, Clock.systemUTC(), (s, r) -> {})))
                .hasMessage("sources.boiler.fields: needs at least one field; each field makes one reading per frame");
    }

    @Test
    void theReadmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`type: serial`");
        for (Class<? extends Record> type : List.of(SerialConfig.class, BinaryFrameConfig.class, FieldConfig.class)) {
            for (String key : keys(type)) {
                assertThat(readme).as("README documents %s.%s", type.getSimpleName(), key).contains("`" + key + "`");
            }
        }
    }

    private static List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
        }
        return keys;
    }
}
