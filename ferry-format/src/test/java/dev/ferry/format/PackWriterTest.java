package dev.ferry.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PackWriterTest {

    private static List<LogEntry> readings(int count) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new StoredReading(new ReadingId("gw-01", "ep", i), new Reading("boiler", "m" + i, Value.of(i * 1.5),
                    "Cel", Instant.EPOCH.plusMillis(i), i % 3 == 0 ? Map.of("site", "plant-" + i) : Map.of())));
        }
        return entries;
    }

    /** Splits entries into messages the way a sink does. */
    private static List<List<LogEntry>> split(PackWriter writer, List<LogEntry> entries, List<byte[]> messages) throws Exception {
        List<List<LogEntry>> groups = new ArrayList<>();
        List<LogEntry> group = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (!writer.add(entry)) {
                messages.add(writer.finish());
                groups.add(group);
                group = new ArrayList<>();
                assertThat(writer.add(entry)).as("an empty message takes any entry").isTrue();
            }
            group.add(entry);
        }
        messages.add(writer.finish());
        groups.add(group);
        return groups;
    }

    @ParameterizedTest
    @EnumSource(PackWriter.Format.class)
    void messagesStayWithinTheLimitAndEqualTheWholePackEncoding(PackWriter.Format format) throws Exception {
        List<LogEntry> entries = readings(200);
        List<byte[]> messages = new ArrayList<>();
        List<List<LogEntry>> groups = split(new PackWriter(format, 2000), entries, messages);

        assertThat(messages.size()).isGreaterThan(3);
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(200);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(messages.get(i).length).isLessThanOrEqualTo(2000);
            byte[] whole = switch (format) {
                case JSON_ARRAY -> JsonLines.array(groups.get(i));
                case SENML_JSON -> SenMl.json(groups.get(i));
                case SENML_CBOR -> SenMl.cbor(groups.get(i));
            };
            assertThat(messages.get(i)).as("message %d, encoded in one pass, is the pack of its entries", i).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @EnumSource(PackWriter.Format.class)
    void anEntryLargerThanTheLimitStillGoesAlone(PackWriter.Format format) throws Exception {
        List<byte[]> messages = new ArrayList<>();
        List<List<LogEntry>> groups = split(new PackWriter(format, 10), readings(3), messages);

        assertThat(groups).extracting(List::size).containsExactly(1, 1, 1);
    }
}
