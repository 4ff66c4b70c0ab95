package dev.ferry.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenMlTest {

    private static final Instant TIME = Instant.parse("2026-11-21T20:31:05.250Z");

    private static StoredReading stored(long seq, String metric, Value value, String unit, Map<String, String> tags) {
        return new StoredReading(new ReadingId("gw-01", "k3x9", seq), new Reading("boiler", metric, value, unit, TIME, tags));
    }

    private static final List<LogEntry> PACK = List.of(
            stored(42, "temperature", Value.of(21.5), "Cel", Map.of("site", "plant-3")),
            stored(43, "burner", Value.of(true), "", Map.of()),
            stored(44, "state", Value.of("ok"), "", Map.of()),
            stored(45, "frame", new Value.Bytes(new byte[] {(byte) 0xfb, (byte) 0xff}), "", Map.of()),
            stored(46, "count", Value.of(7L), "", Map.of()),
            new Gap("gw-01", "k3x9", 47, 49, GapReason.RETENTION_AGE));

    @Test
    void jsonPackHasOneRecordPerEntryWithBaseNameOnTheFirst() throws Exception {
        String json = new String(SenMl.json(PACK), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("["
                + "{\"bn\":\"gw-01:\",\"n\":\"boiler/temperature\",\"u\":\"Cel\",\"v\":21.5,\"t\":1.79529306525E9,\"id\":\"gw-01:k3x9:42\",\"tags\":{\"site\":\"plant-3\"}},"
                + "{\"n\":\"boiler/burner\",\"vb\":true,\"t\":1.79529306525E9,\"id\":\"gw-01:k3x9:43\"},"
                + "{\"n\":\"boiler/state\",\"vs\":\"ok\",\"t\":1.79529306525E9,\"id\":\"gw-01:k3x9:44\"},"
                + "{\"n\":\"boiler/frame\",\"vd\":\"-_8\",\"t\":1.79529306525E9,\"id\":\"gw-01:k3x9:45\"},"
                + "{\"n\":\"boiler/count\",\"v\":7,\"t\":1.79529306525E9,\"id\":\"gw-01:k3x9:46\"},"
                + "{\"n\":\"ferry/gap\",\"vs\":\"retention-age\",\"first_seq\":47,\"last_seq\":49,\"count\":3}"
                + "]");
    }

    @Test
    void cborPackUsesTheRegisteredIntegerLabels() throws Exception {
        List<Map<String, Object>> records = decodeCbor(SenMl.cbor(PACK));

        assertThat(records).hasSize(6);
        assertThat(records.getFirst()).containsEntry("-2", "gw-01:").containsEntry("0", "boiler/temperature")
                .containsEntry("1", "Cel").containsEntry("2", 21.5).containsEntry("6", SenMl.seconds(TIME))
                .containsEntry("id", "gw-01:k3x9:42");
        assertThat(records.get(1)).containsEntry("4", true).doesNotContainKey("-2");
        assertThat(records.get(2)).containsEntry("3", "ok");
        assertThat(records.get(3).get("8")).isEqualTo(new byte[] {(byte) 0xfb, (byte) 0xff});
        assertThat(records.get(4)).containsEntry("2", 7L);
        assertThat(records.get(5)).containsEntry("0", "ferry/gap").containsEntry("3", "retention-age")
                .containsEntry("first_seq", 47L).containsEntry("last_seq", 49L);
    }

    @Test
    void cborIsSmallerThanJsonForTheSamePack() throws Exception {
        assertThat(SenMl.cbor(PACK).length).isLessThan(SenMl.json(PACK).length);
    }

    private static List<Map<String, Object>> decodeCbor(byte[] bytes) throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        try (JsonParser parser = new CBORFactory().createParser(bytes)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> record = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String label = parser.currentName();
                    JsonToken token = parser.nextToken();
                    record.put(label, switch (token) {
                        case VALUE_STRING -> parser.getText();
                        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                        case VALUE_NUMBER_INT -> parser.getLongValue();
                        case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
                        case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
                        default -> {
                            parser.skipChildren();
                            yield token.name();
                        }
                    });
                }
                records.add(record);
            }
        }
        return records;
    }
}
