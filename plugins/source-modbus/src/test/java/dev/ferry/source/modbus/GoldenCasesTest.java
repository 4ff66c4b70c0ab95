package dev.ferry.source.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.digitalpetri.modbus.ExceptionCode;
import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.ConfiguredSource;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.TestPluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One folder per case under {@code golden/}: {@code config.yaml} (an agent config whose first source is read; the
 * server's port is {@code ${MODBUS_PORT}}), {@code registers.yaml} (what the server holds and refuses), and either
 * {@code expected.jsonl} (one {@code {"metric", "value", "unit"}} per reading, in order) or
 * {@code expected-error.txt} (the fault's tier — config, malformed or transient — then lines its message contains).
 */
class GoldenCasesTest {

    private static final Path CASES = Path.of("src/test/resources/golden");
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

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(String name) throws Exception {
        Path folder = CASES.resolve(name);
        server.reset();
        load(folder.resolve("registers.yaml"));
        Path expectedError = folder.resolve("expected-error.txt");
        String outcome;
        List<Reading> readings = List.of();
        try {
            readings = read(folder.resolve("config.yaml"));
            outcome = "readings";
        } catch (ConfigException e) {
            outcome = "config\n" + e.getMessage();
        } catch (MalformedDataException e) {
            outcome = "malformed\n" + e.getMessage();
        } catch (IOException e) {
            outcome = "transient\n" + e.getMessage();
        }
        if (Files.exists(expectedError)) {
            List<String> lines = Files.readAllLines(expectedError).stream().filter(l -> !l.isBlank()).toList();
            assertThat(outcome).as("outcome of %s", name).startsWith(lines.getFirst() + "\n");
            for (String line : lines.subList(1, lines.size())) {
                assertThat(outcome).as("message of %s", name).contains(line);
            }
        } else {
            assertThat(outcome).as("outcome of %s", name).isEqualTo("readings");
            assertReadings(readings, Files.readAllLines(folder.resolve("expected.jsonl")));
        }
    }

    private List<Reading> read(Path config) throws Exception {
        LoadedConfig loaded = ConfigLoader.load(config, Map.of("MODBUS_PORT", Integer.toString(server.port())),
                PluginRegistry.load(getClass().getClassLoader()));
        ConfiguredSource source = loaded.sources().getFirst();
        try (PolledSource polled = (PolledSource) source.create(new TestPluginContext(source.name(), dir))) {
            return polled.poll(Deadline.after(source.settings().timeout(), Clock.systemUTC()));
        }
    }

    private static void assertReadings(List<Reading> readings, List<String> expectedLines) {
        Load json = new Load(LoadSettings.builder().build());
        List<String> lines = expectedLines.stream().filter(l -> !l.isBlank()).toList();
        assertThat(readings).extracting(Reading::metric).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = (Map<String, Object>) json.loadFromString(lines.get(i));
            Reading actual = readings.get(i);
            assertThat(actual.metric()).isEqualTo(expected.get("metric"));
            assertThat(actual.unit()).as("unit of %s", actual.metric()).isEqualTo(expected.getOrDefault("unit", ""));
            assertValue(actual.metric(), actual.value(), expected.get("value"));
        }
    }

    private static void assertValue(String metric, Value actual, Object expected) {
        switch (expected) {
            case Integer n -> assertThat(actual).as(metric).isEqualTo(Value.of((long) n));
            case Long n -> assertThat(actual).as(metric).isEqualTo(Value.of((long) n));
            case Double d -> {
                assertThat(actual).as(metric).isInstanceOf(Value.Num.class);
                assertThat(((Value.Num) actual).value()).as(metric).isCloseTo(d, org.assertj.core.api.Assertions.within(Math.abs(d) * 1e-12));
            }
            case Boolean b -> assertThat(actual).as(metric).isEqualTo(Value.of(b));
            case String s -> assertThat(actual).as(metric).isEqualTo(Value.of(s));
            default -> fail("unsupported expected value for " + metric + ": " + expected);
        }
    }

    /** Puts {@code registers.yaml} into the server: tables of address → value or list, and refusals. */
    @SuppressWarnings("unchecked")
    private static void load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(file));
        for (Map.Entry<String, Object> entry : root.entrySet()) {
            if (entry.getKey().equals("refuse")) {
                for (Map<String, Object> r : (List<Map<String, Object>>) entry.getValue()) {
                    server.refuse(table((String) r.get("table")), (Integer) r.get("from"), (Integer) r.get("to"),
                            ExceptionCode.valueOf((String) r.get("code")));
                }
                continue;
            }
            if (entry.getKey().equals("units")) {
                server.serveUnits(((List<Integer>) entry.getValue()).toArray(Integer[]::new));
                continue;
            }
            Table table = table(entry.getKey());
            for (Map.Entry<Object, Object> at : ((Map<Object, Object>) entry.getValue()).entrySet()) {
                int address = (Integer) at.getKey();
                List<Object> items = at.getValue() instanceof List<?> list ? (List<Object>) list : List.of(at.getValue());
                if (table.holdsBits()) {
                    boolean[] bits = new boolean[items.size()];
                    for (int i = 0; i < bits.length; i++) {
                        bits[i] = (Boolean) items.get(i);
                    }
                    server.setBits(table, address, bits);
                } else {
                    server.setRegisters(table, address, registers(items));
                }
            }
        }
    }

    private static Table table(String written) {
        return Table.valueOf(written.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** Integers and {@code 0x} hex strings are one register each; other strings are text, two characters a register. */
    private static int[] registers(List<Object> items) {
        List<Integer> registers = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Integer n) {
                registers.add(n);
            } else if (item instanceof String s && s.matches("0x[0-9a-fA-F]{1,4}")) {
                registers.add(Integer.parseInt(s.substring(2), 16));
            } else if (item instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < bytes.length; i += 2) {
                    registers.add((bytes[i] & 0xFF) << 8 | (i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0));
                }
            } else {
                throw new IllegalArgumentException("not a register value: " + item);
            }
        }
        return registers.stream().mapToInt(Integer::intValue).toArray();
    }
}

