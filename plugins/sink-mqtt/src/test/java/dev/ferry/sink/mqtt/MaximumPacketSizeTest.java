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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that announces a maximum packet size of 4 KiB (MQTT 5 CONNACK): a reading too large for it is refused
 * alone by the client, before it is sent, and batch messages are kept small enough to pass.
 */
class MaximumPacketSizeTest {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aMessageOverTheBrokersLimitIsRefusedAloneAndBatchesFitUnderIt() throws Exception {
        try (TenantBroker broker = TenantBroker.start(dir, "max_packet_size 4096");
                MqttRecorder recorder = broker.recorder()) {
            List<LogEntry> entries = new ArrayList<>();
            for (int seq = 0; seq < 100; seq++) {
                Value value = seq == 7 ? Value.of("x".repeat(10_000)) : Value.of(seq);
                entries.add(new StoredReading(new ReadingId("gw-test", "ep", seq),
                        Reading.of("boiler", "level", value, "", Instant.EPOCH)));
            }
            try (MqttSink single = broker.sink("single", "topic: \"tenants/acme/{source}/{metric}\"")) {
                single.open();
                Throwable failure = catchThrowable(() -> single.send(new Batch(entries)).toCompletableFuture()
                        .get(LIMIT.toSeconds(), TimeUnit.SECONDS));

                assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RefusedEntriesException.class);
                assertThat(((RefusedEntriesException) failure.getCause()).refused()).singleElement().satisfies(r -> {
                    assertThat(r.entry()).isSameAs(entries.get(7));
                    assertThat(r.refusal().code()).isEqualTo("mqtt_0x95");
                    assertThat(r.refusal().reason()).contains("tenants/acme/boiler/level").contains("4096 bytes");
                });
                recorder.await(got -> got.stream().filter(m -> m.topic().equals("tenants/acme/boiler/level")).count() == 99,
                        LIMIT, "the 99 other readings");
            }
            try (MqttSink batched = broker.sink("batched", "topic: \"tenants/acme/{source}/{metric}\"\nbatch_bytes: 64KiB")) {
                batched.open();
                List<LogEntry> small = new ArrayList<>(entries);
                small.remove(7);
                batched.send(new Batch(small)).toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS);

                recorder.await(got -> got.stream().anyMatch(m -> m.topic().equals("tenants/acme/gw-test/batch")
                        && m.payloadText().contains("\"gw-test:ep:99\"")), LIMIT, "the last reading in a batch message");
                assertThat(recorder.messages()).filteredOn(m -> m.topic().endsWith("/batch")).hasSizeGreaterThan(1)
                        .allSatisfy(m -> assertThat(m.payload().length).isLessThan(4096));
            }
        }
    }
}
