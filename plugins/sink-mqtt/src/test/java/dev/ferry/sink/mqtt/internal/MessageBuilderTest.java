package dev.ferry.sink.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Batch;
import dev.ferry.api.Gap;
import dev.ferry.api.GapReason;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.sink.mqtt.MqttSinkConfig.PayloadEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {

    private static List<LogEntry> readings(int count) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new StoredReading(new ReadingId("gw", "ep", i),
                    Reading.of("boiler", "temperature", Value.of(20.0 + i), "Cel", Instant.EPOCH)));
        }
        return entries;
    }

    private static MessageBuilder builder(PayloadEncoding encoding, long batchBytes) {
        return new MessageBuilder("gw", TopicTemplate.parse("ferry/{agent}/{source}/{metric}"), "ferry/gw/batch",
                "ferry/gw/gaps", encoding, batchBytes);
    }

    @Test
    void oneMessagePerReadingCarriesItsIdAndTheFileSinksFields() throws Exception {
        List<Outgoing> messages = builder(PayloadEncoding.JSON, 0).build(new Batch(readings(3))).messages();

        assertThat(messages).hasSize(3);
        assertThat(messages).extracting(Outgoing::topic).containsOnly("ferry/gw/boiler/temperature");
        assertThat(messages).extracting(Outgoing::firstId).containsExactly("gw:ep:0", "gw:ep:1", "gw:ep:2");
        assertThat(new String(messages.getFirst().payload(), StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"gw:ep:0\",\"seq\":0,\"source\":\"boiler\",\"metric\":\"temperature\",\"value\":20.0,")
                .contains("\"time\":\"1970-01-01T00:00:00Z\"");
    }

    @Test
    void batchModeRespectsTheByteLimitAndKeepsOrder() throws Exception {
        List<Outgoing> messages = builder(PayloadEncoding.JSON, 1000).build(new Batch(readings(50))).messages();

        assertThat(messages.size()).isGreaterThan(1);
        long next = 0;
        for (Outgoing message : messages) {
            assertThat(message.payload().length).isLessThanOrEqualTo(1000);
            assertThat(message.topic()).isEqualTo("ferry/gw/batch");
            assertThat(message.firstId()).isEqualTo("gw:ep:" + next);
            String text = new String(message.payload(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("[").endsWith("]");
            next = Long.parseLong(message.lastId().substring("gw:ep:".length())) + 1;
        }
        assertThat(next).isEqualTo(50);
    }

    @Test
    void oneBuilderServesBatchAfterBatchInEveryEncoding() throws Exception {
        for (PayloadEncoding encoding : PayloadEncoding.values()) {
            MessageBuilder builder = builder(encoding, 1000);
            List<LogEntry> all = readings(60);
            List<Outgoing> first = builder.build(new Batch(all.subList(0, 30))).messages();
            List<Outgoing> second = builder.build(new Batch(all.subList(30, 60))).messages();
            List<Outgoing> fresh = builder(encoding, 1000).build(new Batch(all.subList(30, 60))).messages();

            assertThat(first.getLast().lastId()).as(encoding.name()).isEqualTo("gw:ep:29");
            assertThat(second.getFirst().firstId()).as(encoding.name()).isEqualTo("gw:ep:30");
            assertThat(second).as(encoding.name()).hasSameSizeAs(fresh);
            for (int i = 0; i < second.size(); i++) {
                assertThat(second.get(i).payload()).as(encoding.name()).isEqualTo(fresh.get(i).payload());
            }
        }
    }

    @Test
    void aBatchOfOneReadingIsStillABatch() throws Exception {
        List<Outgoing> single = builder(PayloadEncoding.JSON, 0).build(new Batch(readings(1))).messages();
        List<Outgoing> batched = builder(PayloadEncoding.JSON, 1000).build(new Batch(readings(1))).messages();

        assertThat(single).extracting(Outgoing::batch).containsExactly(false);
        assertThat(batched).extracting(Outgoing::batch).containsExactly(true);
        assertThat(new String(batched.getFirst().payload(), StandardCharsets.UTF_8)).startsWith("[{").endsWith("}]");
        assertThat(batched.getFirst().firstId()).isEqualTo(batched.getFirst().lastId()).isEqualTo("gw:ep:0");
    }

    @Test
    void gapsTravelAloneOnTheGapTopic() throws Exception {
        List<LogEntry> entries = new ArrayList<>(readings(2));
        entries.add(new Gap("gw", "ep", 2, 9, GapReason.RETENTION_BYTES));
        List<Outgoing> messages = builder(PayloadEncoding.SENML_JSON, 64 * 1024).build(new Batch(entries)).messages();

        assertThat(messages).extracting(Outgoing::topic).containsExactly("ferry/gw/batch", "ferry/gw/gaps");
        assertThat(new String(messages.getLast().payload(), StandardCharsets.UTF_8)).contains("\"vs\":\"retention-bytes\"");
    }

    @Test
    void aReadingNoMessageCanCarryIsRefusedAloneAndTheRestIsBuilt() throws Exception {
        List<LogEntry> entries = new ArrayList<>(readings(3));
        Reading longName = Reading.of("boiler", "x".repeat(70_000), Value.of(1.0), "", Instant.EPOCH);
        entries.set(1, new StoredReading(new ReadingId("gw", "ep", 1), longName));
        BuiltBatch built = builder(PayloadEncoding.JSON, 0).build(new Batch(entries));

        assertThat(built.messages()).extracting(Outgoing::firstId).containsExactly("gw:ep:0", "gw:ep:2");
        assertThat(built.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.entry()).isSameAs(entries.get(1));
            assertThat(refused.refusal().code()).isEqualTo("topic_too_long");
            assertThat(refused.refusal().reason()).contains("ferry/{agent}/{source}/{metric}").contains("65535 bytes");
        });
    }

    @Test
    void valuesAnEncodingCannotCarryAreRefusedBeforeEncoding() throws Exception {
        List<LogEntry> entries = new ArrayList<>(readings(3));
        entries.set(1, new StoredReading(new ReadingId("gw", "ep", 1),
                Reading.of("boiler", "temperature", Value.of(Double.NaN), "Cel", Instant.EPOCH)));
        entries.set(2, new StoredReading(new ReadingId("gw", "ep", 2),
                Reading.of("boiler", "label", Value.of("cut \uD800 here"), "", Instant.EPOCH)));

        BuiltBatch senmlJson = builder(PayloadEncoding.SENML_JSON, 0).build(new Batch(entries));
        assertThat(senmlJson.refused()).extracting(r -> r.refusal().code()).containsExactly("value_not_finite");
        assertThat(senmlJson.messages()).extracting(Outgoing::firstId).containsExactly("gw:ep:0", "gw:ep:2");

        BuiltBatch senmlCbor = builder(PayloadEncoding.SENML_CBOR, 4096).build(new Batch(entries));
        assertThat(senmlCbor.refused()).extracting(r -> r.refusal().code()).containsExactly("text_not_unicode");
        assertThat(senmlCbor.messages()).singleElement().satisfies(m -> assertThat(m.entries()).hasSize(2));

        BuiltBatch json = builder(PayloadEncoding.JSON, 0).build(new Batch(entries));
        assertThat(json.refused()).isEmpty(); // NaN as a string, the lone surrogate as U+FFFD
    }

    @Test
    void batchMessagesStayWithinTheBrokersMaximumPacketSize() throws Exception {
        MessageBuilder builder = builder(PayloadEncoding.JSON, 1 << 20);
        builder.fitPacketSize(2048);
        for (Outgoing message : builder.build(new Batch(readings(100))).messages()) {
            assertThat(message.payload().length).isLessThanOrEqualTo(2048 - 512);
        }
    }
}
