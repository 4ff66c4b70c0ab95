package dev.ferry.sink.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.DisconnectInfo.Cause;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientIdClashTest {

    private static final DisconnectInfo TAKEN_OVER = new DisconnectInfo(Cause.SERVER_DISCONNECT, 0x8E,
            "the broker sent DISCONNECT 0x8E session taken over", null);
    private static final DisconnectInfo SILENT = new DisconnectInfo(Cause.CONNECTION_LOST, 0x80,
            "the broker closed the connection without DISCONNECT", null);
    private static final DisconnectInfo RESET = new DisconnectInfo(Cause.CONNECTION_LOST, 0x80,
            "reading from the broker failed", new IOException("Connection reset"));
    private static final Duration BRIEF = Duration.ofSeconds(1);

    private final ClientIdClash clash = new ClientIdClash("gw-01");

    private int refusals() {
        int n = 0;
        while (clash.refusal() != null) {
            n++;
        }
        return n;
    }

    @Test
    void aSessionTakenOverIsNamedAtOnceAndEachTakeoverInARowHoldsOffOneConnectMore() {
        clash.ended(TAKEN_OVER, BRIEF);
        assertThat(clash.refusal()).startsWith("another client is using client_id gw-01").contains("0x8E session taken over");
        assertThat(clash.refusal()).isNull();

        clash.ended(TAKEN_OVER, Duration.ofSeconds(30));
        assertThat(refusals()).isEqualTo(2);
        clash.ended(TAKEN_OVER, Duration.ofSeconds(30));
        assertThat(refusals()).isEqualTo(3);
    }

    @Test
    void aCalmSpellOrAnotherEndStartsCountingAgain() {
        clash.ended(TAKEN_OVER, BRIEF);
        clash.ended(TAKEN_OVER, BRIEF);
        refusals();
        clash.ended(TAKEN_OVER, ClientIdClash.CALM);
        assertThat(refusals()).isEqualTo(1);

        clash.ended(RESET, BRIEF);
        clash.ended(TAKEN_OVER, BRIEF);
        assertThat(refusals()).isEqualTo(1);
    }

    @Test
    void silentClosesCountOnlyWhenTheyComeSoonAfterConnectingTwiceInARow() {
        clash.ended(SILENT, BRIEF);
        assertThat(clash.refusal()).isNull();
        clash.ended(SILENT, ClientIdClash.SOON);
        assertThat(clash.refusal()).as("a connection that lived a while").isNull();
        clash.ended(SILENT, BRIEF);
        clash.ended(RESET, BRIEF);
        clash.ended(SILENT, BRIEF);
        assertThat(clash.refusal()).as("not in a row").isNull();
        clash.ended(SILENT, BRIEF);
        assertThat(clash.refusal()).contains("another client is probably using client_id gw-01");
    }

    @Test
    void onlyATakeoverIsExplained() {
        assertThat(clash.explain(TAKEN_OVER)).startsWith("another client is using client_id gw-01");
        assertThat(clash.explain(SILENT)).isNull();
    }
}
