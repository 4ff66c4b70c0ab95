package dev.ferry.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.api.ReadingId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Jackson, the general-purpose generator this writer replaces on the hot path, is the oracle. */
class JsonOutputTest {

    private static final JsonFactory JACKSON = JsonFactory.builder().build();

    @Property(tries = 2000)
    void stringsAreWrittenAsJacksonWritesThem(@ForAll String text) throws IOException {
        JsonOutput json = new JsonOutput(16);
        json.raw('[');
        json.string(text);
        json.raw(',');
        json.string(text); // the second time from the remembered form
        json.raw(']');
        assertThat(utf8(json)).isEqualTo(jackson(g -> {
            g.writeStartArray();
            g.writeString(text);
            g.writeString(text);
            g.writeEndArray();
        }));
    }

    @Property(tries = 2000)
    void numbersAreWrittenAsJacksonWritesThem(@ForAll long whole, @ForAll double fraction) throws IOException {
        JsonOutput json = new JsonOutput(16);
        json.raw('[');
        json.number(whole);
        if (Double.isFinite(fraction)) {
            json.raw(',');
            json.number(fraction);
        }
        json.raw(']');
        assertThat(utf8(json)).isEqualTo(jackson(g -> {
            g.writeStartArray();
            g.writeNumber(whole);
            if (Double.isFinite(fraction)) {
                g.writeNumber(fraction);
            }
            g.writeEndArray();
        }));
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacter() {
        JsonOutput json = new JsonOutput(16);
        json.string("a\uD800b\uDC00");
        assertThat(utf8(json)).isEqualTo("\"a\uFFFDb\uFFFD\"");
    }

    @Test
    void readingIdsFollowTheirAgentAndEpoch() {
        JsonOutput json = new JsonOutput(16);
        json.readingId(new ReadingId("gw-01", "e1", 7));
        json.raw(',');
        json.readingId(new ReadingId("gw-01", "e1", 8));
        json.raw(',');
        json.readingId(new ReadingId("gw \"2\"", "e2", 0));
        assertThat(utf8(json)).isEqualTo("\"gw-01:e1:7\",\"gw-01:e1:8\",\"gw \\\"2\\\":e2:0\"");
    }

    @Test
    void truncateDropsWhatCameAfterTheMark() {
        JsonOutput json = new JsonOutput(16);
        json.string("kept");
        int mark = json.size();
        json.string("a string long enough to make the buffer grow past its first capacity");
        json.truncate(mark);
        assertThat(utf8(json)).isEqualTo("\"kept\"");
    }

    private interface Writes {
        void to(JsonGenerator generator) throws IOException;
    }

    private static String jackson(Writes writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(bytes)) {
            writes.to(generator);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String utf8(JsonOutput json) {
        return new String(json.toByteArray(), StandardCharsets.UTF_8);
    }
}
