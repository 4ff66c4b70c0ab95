package dev.ferry.sink.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.api.LogEntry;
import dev.ferry.api.Reading;
import dev.ferry.api.ReadingId;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.RefusedEntriesException.Refused;
import dev.ferry.api.StoredReading;
import dev.ferry.api.Value;
import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.MqttConnectionLostException;
import dev.ferry.mqtt.MqttPublishRejectedException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class BatchOutcomeTest {

    private static final CompletableFuture<Void> ACKED = CompletableFuture.completedFuture(null);

    private static StoredReading reading(long seq) {
        return new StoredReading(new ReadingId("gw", "ep", seq), Reading.of("boiler", "t", Value.of(1.0), "", Instant.EPOCH));
    }

    private static Outgoing message(String topic, LogEntry... entries) {
        return new Outgoing(topic, new byte[1], List.of(entries), entries.length > 1);
    }

    private static CompletableFuture<Void> refused(int code) {
        return CompletableFuture.failedFuture(new MqttPublishRejectedException("t", code, null));
    }

    private static Throwable outcome(List<Outgoing> messages, List<CompletableFuture<Void>> acks, List<Refused> before) {
        Throwable failure = catchThrowable(() -> BatchOutcome.of(messages, acks, before, e -> new IOException("lost: " + e.getMessage())).join());
        return failure instanceof CompletionException ce ? ce.getCause() : failure;
    }

    @Test
    void everyEntryOfARefusedMessageIsNamedWithThoseRefusedBeforeInLogOrder() {
        Refused early = new Refused(reading(1), new Refusal("topic_too_long", "too long"));
        Throwable failure = outcome(List.of(message("a", reading(0)), message("b", reading(2), reading(3))),
                List.of(ACKED, refused(0x87)), List.of(early));

        assertThat(failure).isInstanceOf(RefusedEntriesException.class);
        List<Refused> refused = ((RefusedEntriesException) failure).refused();
        assertThat(refused).extracting(r -> r.entry().firstSeq()).containsExactly(1L, 2L, 3L);
        assertThat(refused).extracting(r -> r.refusal().code()).containsExactly("topic_too_long", "mqtt_0x87", "mqtt_0x87");
        assertThat(refused.get(1).refusal().reason()).isEqualTo(
                "the message on b was refused: 0x87 not authorized; this client may not publish there (the broker's ACL)");
    }

    @Test
    void aFailureThatIsNoRefusalWinsSoTheWholeBatchGoesAgain() {
        DisconnectInfo end = new DisconnectInfo(DisconnectInfo.Cause.CONNECTION_LOST, 0x80, "gone", null);
        Throwable failure = outcome(List.of(message("a", reading(0)), message("b", reading(1)), message("c", reading(2))),
                List.of(refused(0x87), CompletableFuture.failedFuture(new MqttConnectionLostException(end)), ACKED), List.of());

        assertThat(failure).isExactlyInstanceOf(IOException.class).hasMessageStartingWith("lost: ");
    }

    @Test
    void limitsOfTheBrokerThatRefuseEveryMessageAreNoRefusalOfOne() {
        Throwable failure = outcome(List.of(message("a", reading(0))), List.of(refused(0x9A)), List.of());

        assertThat(failure).isExactlyInstanceOf(IOException.class);
    }

    @Test
    void aBatchWithNothingRefusedCompletes() {
        assertThat(BatchOutcome.of(List.of(message("a", reading(0))), List.of(ACKED), List.of(), IOException::new).join()).isNull();
    }
}
