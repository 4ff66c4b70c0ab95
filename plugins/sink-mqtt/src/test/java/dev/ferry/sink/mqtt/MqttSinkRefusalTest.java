package dev.ferry.sink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink against a broker whose ACL lets this gateway publish below {@code tenants/acme/} only: what the broker
 * refuses is named entry by entry, and never holds back what it takes.
 */
class MqttSinkRefusalTest {

    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @TempDir
    static Path shared;

    private static TenantBroker broker;

    private MqttRecorder recorder;
    private MqttSink sink;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TenantBroker.start(shared);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void startRecorder() throws Exception {
        recorder = broker.recorder();
    }

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        recorder.close();
    }

    @Test
    void theDefaultStatusTopicGoesUnderTheTenantsPrefixAndIsAccepted() throws Exception {
        sink = broker.sink("status", "topic: \"tenants/acme/{source}/{metric}\"");
        sink.open();

        recorder.await(messages -> messages.stream().anyMatch(m -> m.topic().equals("tenants/acme/gw-test/status")
                && m.payloadText().equals("online")), LIMIT, "online on tenants/acme/gw-test/status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "3.1.1"})
    void aStatusTopicOutsideTheAclDoesNotStopReadings(String protocol) throws Exception {
        sink = broker.sink("outside" + protocol.replace(".", ""), """
                protocol: "%s"
                topic: "tenants/acme/{source}/{metric}"
                status_topic: "ferry/{agent}/status"
                """.formatted(protocol));
        sink.open();
        List<LogEntry> entries = readings(0, 20, "boiler");
        sink.send(new Batch(entries)).toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(idsReceived(20)).isEqualTo(idsOf(entries));
        assertThat(recorder.messages()).noneMatch(m -> m.topic().startsWith("ferry/"));
    }

    @Test
    void aBatchMixingAllowedAndRefusedTopicsNamesExactlyTheRefusedReadings() throws Exception {
        sink = broker.sink("mixed", "topic: \"tenants/{source}/{metric}\"\nstatus_topic: \"\"");
        sink.open();
        List<LogEntry> entries = new ArrayList<>();
        for (int seq = 0; seq < 40; seq++) {
            entries.add(reading(seq, seq % 3 == 0 ? "other" : "acme", "temperature", Map.of()));
        }

        RefusedEntriesException refused = refusal(new Batch(entries));

        Set<String> refusedIds = refused.refused().stream().map(r -> ((StoredReading) r.entry()).id().toString())
                .collect(Collectors.toSet());
        assertThat(refusedIds).isEqualTo(idsOf(entries.stream().filter(e -> sourceOf(e).equals("other")).toList()));
        assertThat(refused.refused()).allSatisfy(r -> {
            assertThat(r.refusal().code()).isEqualTo("mqtt_0x87");
            assertThat(r.refusal().reason()).contains("tenants/other/temperature").contains("0x87 not authorized");
        });
        List<LogEntry> allowed = entries.stream().filter(e -> sourceOf(e).equals("acme")).toList();
        assertThat(idsReceived(allowed.size())).isEqualTo(idsOf(allowed));
    }

    @Test
    void aReadingWhoseTopicIsTooLongIsRefusedWithItsReasonAndTheRestDelivered() throws Exception {
        sink = broker.sink("long", "topic: \"tenants/acme/{source}/{metric}\"");
        sink.open();
        List<LogEntry> entries = new ArrayList<>(readings(0, 5, "boiler"));
        entries.set(2, reading(2, "boiler", "m".repeat(70_000), Map.of()));

        RefusedEntriesException refused = refusal(new Batch(entries));

        assertThat(refused.refused()).singleElement().satisfies(r -> {
            assertThat(r.entry()).isSameAs(entries.get(2));
            assertThat(r.refusal().code()).isEqualTo("topic_too_long");
            assertThat(r.refusal().reason()).contains("longer than the 65535 bytes MQTT allows");
        });
        List<LogEntry> delivered = List.of(entries.get(0), entries.get(1), entries.get(3), entries.get(4));
        assertThat(idsReceived(4)).isEqualTo(idsOf(delivered));
    }

    @Test
    void aMissingTagFillsItsLevelWithAnUnderscore() throws Exception {
        sink = broker.sink("tags", "topic: \"tenants/acme/{tag:line}/{metric}\"");
        sink.open();
        sink.send(new Batch(List.of(reading(0, "boiler", "pressure", Map.of("line", "3")),
                reading(1, "boiler", "pressure", Map.of())))).toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS);

        List<RecordedMessage> got = recorder.await(messages -> readingsIn(messages).size() >= 2, LIMIT, "two readings");
        assertThat(readingsIn(got)).extracting(RecordedMessage::topic)
                .containsExactlyInAnyOrder("tenants/acme/3/pressure", "tenants/acme/_/pressure");
    }

    private RefusedEntriesException refusal(Batch batch) throws Exception {
        Throwable failure = catchThrowable(() -> sink.send(batch).toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RefusedEntriesException.class);
        return (RefusedEntriesException) failure.getCause();
    }

    /** The IDs of the readings the recorder got, once it got {@code count} of them (and a moment for strays). */
    private Set<String> idsReceived(int count) throws Exception {
        recorder.await(messages -> readingsIn(messages).size() >= count, LIMIT, count + " readings");
        Thread.sleep(300);
        List<RecordedMessage> readings = readingsIn(recorder.messages());
        Set<String> ids = readings.stream().map(MqttSinkRefusalTest::idOf).collect(Collectors.toSet());
        assertThat(ids).as("no reading twice").hasSize(readings.size());
        return ids;
    }

    private static List<RecordedMessage> readingsIn(List<RecordedMessage> messages) {
        return messages.stream().filter(m -> ID.matcher(m.payloadText()).find()).toList();
    }

    private static String idOf(RecordedMessage message) {
        Matcher m = ID.matcher(message.payloadText());
        m.find();
        return m.group(1);
    }

    private static Set<String> idsOf(List<LogEntry> entries) {
        return entries.stream().map(e -> ((StoredReading) e).id().toString()).collect(Collectors.toSet());
    }

    private static String sourceOf(LogEntry entry) {
        return ((StoredReading) entry).reading().source();
    }

    private static List<LogEntry> readings(int from, int count, String source) {
        List<LogEntry> entries = new ArrayList<>();
        for (int seq = from; seq < from + count; seq++) {
            entries.add(reading(seq, source, "temperature", Map.of()));
        }
        return entries;
    }

    private static LogEntry reading(long seq, String source, String metric, Map<String, String> tags) {
        return new StoredReading(new ReadingId("gw-test", "ep", seq),
                new Reading(source, metric, Value.of(20.0 + seq), "Cel", Instant.EPOCH, tags));
    }
}
