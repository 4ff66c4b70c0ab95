package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.source.coap.internal.Decoded;
import dev.ferry.source.coap.internal.DeviceIdentity;
import dev.ferry.source.coap.internal.PayloadDecoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per case under {@code golden/}: the payload, as {@code payload.senml.json} (Content-Format 110),
 * {@code payload.senml.cbor.hex} (112; hex digits, {@code #} comments), {@code payload.json} (50) or
 * {@code payload.txt} with the format in {@code content-format.txt} (a number, or {@code none}); and either
 * {@code expected.jsonl} (one reading per line: metric, value, unit, time, tags sorted) or {@code expected-error.txt}
 * (the response code and diagnostic the device gets). Every case is sent by device {@code sensor-1} of tenant
 * {@code acme} at {@value #NOW}.
 */
class GoldenCasesTest {

    private static final Path CASES = Path.of("src/test/resources/golden");
    private static final String NOW = "2026-01-02T03:04:05Z";
    private static final DeviceIdentity SENDER = new DeviceIdentity("sensor-1", "acme");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> folders = Files.list(CASES)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase(String name) throws Exception {
        Path folder = CASES.resolve(name);
        Decoded decoded = new PayloadDecoding("devices", null)
                .decode(contentFormat(folder), payload(folder), SENDER, Instant.parse(NOW));

        Path expectedError = folder.resolve("expected-error.txt");
        if (Files.exists(expectedError)) {
            String expected = Files.readString(expectedError).strip();
            assertThat(decoded).as("golden case %s", name).isInstanceOfSatisfying(Decoded.Refused.class, refused ->
                    assertThat(refused.reason().code() + " " + refused.message()).isEqualTo(expected));
            return;
        }
        List<String> expected = Files.readAllLines(folder.resolve("expected.jsonl")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(decoded).as("golden case %s", name).isInstanceOfSatisfying(Decoded.Accepted.class, accepted ->
                assertThat(accepted.readings().stream().map(GoldenCasesTest::json).toList()).isEqualTo(expected));
    }

    private static int contentFormat(Path folder) throws IOException {
        Path declared = folder.resolve("content-format.txt");
        if (Files.exists(declared)) {
            String text = Files.readString(declared).strip();
            return text.equals("none") ? PayloadDecoding.NO_FORMAT : Integer.parseInt(text);
        }
        if (Files.exists(folder.resolve("payload.senml.json"))) {
            return 110;
        }
        return Files.exists(folder.resolve("payload.senml.cbor.hex")) ? 112 : 50;
    }

    private static byte[] payload(Path folder) throws IOException {
        Path hex = folder.resolve("payload.senml.cbor.hex");
        if (Files.exists(hex)) {
            return HexFormat.of().parseHex(Files.readAllLines(hex).stream()
                    .map(line -> line.replaceAll("#.*", "").replaceAll("\\s+", "")).collect(Collectors.joining()));
        }
        for (String file : List.of("payload.senml.json", "payload.json", "payload.txt")) {
            if (Files.exists(folder.resolve(file))) {
                return Files.readAllBytes(folder.resolve(file));
            }
        }
        throw new AssertionError("no payload file in " + folder);
    }

    /** A reading as a golden file writes it. */
    private static String json(Reading r) {
        String tags = new TreeMap<>(r.tags()).entrySet().stream()
                .map(tag -> quote(tag.getKey()) + ":" + quote(tag.getValue())).collect(Collectors.joining(","));
        return "{\"metric\":" + quote(r.metric()) + ",\"value\":" + value(r.value()) + ",\"unit\":" + quote(r.unit())
                + ",\"time\":" + quote(r.time().toString()) + ",\"tags\":{" + tags + "}}";
    }

    private static String value(Value value) {
        return switch (value) {
            case Value.Num n -> Double.toString(n.value());
            case Value.Int i -> Long.toString(i.value());
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Text t -> quote(t.value());
            case Value.Bytes b -> "{\"base64\":" + quote(Base64.getEncoder().encodeToString(b.value())) + "}";
        };
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
