package dev.ferry.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static final Instant TIME = Instant.parse("2026-11-21T20:31:05.123Z");

    private static StoredReading stored(long seq, Value value, String unit, Map<String, String> tags) {
        return new StoredReading(new ReadingId("gw-01", "k3x9", seq), new Reading("boiler", "temperature", value, unit, TIME, tags));
    }

    private static String encode(List<LogEntry> entries) throws Exception {
        return new String(JsonLines.encode(entries), StandardCharsets.UTF_8);
    }

    @Test
    void writesOneObjectPerReadingWithItsId() throws Exception {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("site", "plant-3");
        String text = encode(List.of(stored(42, Value.of(21.5), "Cel", tags), stored(43, Value.of(7L), "", Map.of())));

        assertThat(text).isEqualTo("""
                {"id":"gw-01:k3x9:42","seq":42,"source":"boiler","metric":"temperature","value":21.5,"unit":"Cel","time":"2026-11-21T20:31:05.123Z","tags":{"site":"plant-3"}}
                {"id":"gw-01:k3x9:43","seq":43,"source":"boiler","metric":"temperature","value":7,"time":"2026-11-21T20:31:05.123Z"}
                """);
    }

    @Test
    void encodesEveryValueTypeAsValidJson() throws Exception {
        String text = encode(List.of(
                stored(1, Value.of(true), "", Map.of()),
                stored(2, Value.of("on \"fire\"\n"), "", Map.of()),
                stored(3, new Value.Bytes(new byte[] {1, 2, (byte) 255}), "", Map.of()),
                stored(4, Value.of(Double.NaN), "", Map.of())));

        assertThat(text.lines().toList()).satisfiesExactly(
                line -> assertThat(line).contains("\"value\":true"),
                line -> assertThat(line).contains("\"value\":\"on \\\"fire\\\"\\n\""),
                line -> assertThat(line).contains("\"value\":{\"base64\":\"AQL/\"}"),
                line -> assertThat(line).contains("\"value\":\"NaN\""));
    }

    @Test
    void writesGapsSoTheFarEndKnowsWhatWasLostAndWhy() throws Exception {
        String text = encode(List.of(new Gap("gw-01", "k3x9", 10, 19, GapReason.RETENTION_BYTES)));

        assertThat(text).isEqualTo("""
                {"gap":true,"agent":"gw-01","epoch":"k3x9","first_seq":10,"last_seq":19,"count":10,"reason":"retention-bytes"}
                """);
    }

    @Test
    void objectAndArrayHoldTheSameObjectsAsTheLines() throws Exception {
        List<LogEntry> entries = List.of(stored(1, Value.of(1.5), "", Map.of()), new Gap("gw-01", "k3x9", 2, 3, GapReason.CORRUPT));
        String[] lines = encode(entries).split("\n");

        assertThat(new String(JsonLines.object(entries.getFirst()), StandardCharsets.UTF_8)).isEqualTo(lines[0]);
        assertThat(new String(JsonLines.array(entries), StandardCharsets.UTF_8)).isEqualTo("[" + lines[0] + "," + lines[1] + "]");
    }
}
