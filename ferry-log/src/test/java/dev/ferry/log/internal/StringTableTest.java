package dev.ferry.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.log.ReadingCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StringTableTest {

    private final StringTable names = new StringTable();

    @Test
    void decodingThroughTheTableGivesTheSameReadingsAsWithout() {
        SplittableRandom random = new SplittableRandom(7);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Few names that repeat, many that do not, and some over the table's length limit, so slots collide.
            String source = random.nextInt(10) < 8 ? "boiler-" + random.nextInt(4) : "dev-" + random.nextInt(100_000);
            String metric = random.nextInt(50) == 0 ? "m".repeat(65 + random.nextInt(10)) : "metric-" + random.nextInt(300);
            Map<String, String> tags = switch (random.nextInt(3)) {
                case 0 -> Map.of();
                case 1 -> Map.of("site", "plant-" + random.nextInt(3));
                default -> Map.of("site", "plant-" + random.nextInt(3), "line", "Größe " + random.nextInt(2));
            };
            readings.add(new Reading(source, metric, new Value.Int(i), random.nextBoolean() ? "Cel" : "", Instant.ofEpochSecond(i), tags));
        }
        for (Reading reading : readings) {
            byte[] encoded = ReadingCodec.encode(reading);
            Reading decoded = PayloadDecoder.decode(ByteBuffer.wrap(encoded), 0, encoded.length, names);
            assertThat(decoded).isEqualTo(reading);
            assertThat(decoded.tags()).containsExactlyInAnyOrderEntriesOf(reading.tags());
        }
    }

    @Test
    void repeatedNamesAndTagsAreSharedInstances() {
        Reading reading = new Reading("boiler", "temperature", new Value.Num(1), "Cel", Instant.EPOCH, Map.of("site", "plant-3"));
        byte[] encoded = ReadingCodec.encode(reading);
        Reading first = PayloadDecoder.decode(ByteBuffer.wrap(encoded), 0, encoded.length, names);
        Reading second = PayloadDecoder.decode(ByteBuffer.wrap(encoded), 0, encoded.length, names);
        assertThat(second.source()).isSameAs(first.source());
        assertThat(second.metric()).isSameAs(first.metric());
        assertThat(second.unit()).isSameAs(first.unit());
        assertThat(second.tags()).isSameAs(first.tags());
    }
}
