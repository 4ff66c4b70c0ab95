package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.DisconnectInfo;
import dev.ferry.mqtt.MqttReasonCodes;
import java.time.Duration;

/**
 * Notices another client connecting with our client id. The broker then ends our connection: some MQTT 5 brokers with
 * DISCONNECT 0x8E (session taken over), MQTT 3.1.1 brokers and Mosquitto 2.0 (under MQTT 5 too) by closing it
 * without a word. Two such silent closes in a row, each soon after connecting, are taken for the same thing.
 *
 * <p>Reconnecting at once would only throw the other client off in turn, once a second, forever. So after each
 * takeover the next {@link #refusal()} calls (one more for every takeover in a row, up to {@value #MOST_REFUSALS})
 * refuse to connect, and the runner's backoff, which grows with each refused open, spaces the attempts out as it does
 * for any refusal. Not thread-safe: the sink's thread only.
 */
public final class ClientIdClash {

    /** A silent close this soon after connecting is suspicious. */
    static final Duration SOON = Duration.ofSeconds(10);
    /** A connection that lived this long ends a run of takeovers: the other client went away for a while. */
    static final Duration CALM = Duration.ofMinutes(5);
    private static final int MOST_REFUSALS = 6;

    private final String clientId;
    private int takeovers;
    private int silentCloses;
    private int refusalsLeft;
    private String explanation = "";

    public ClientIdClash(String clientId) {
        this.clientId = clientId;
    }

    /** Takes note of how a connection ended, after it had been open for {@code lived}. */
    public void ended(DisconnectInfo end, Duration lived) {
        if (lived.compareTo(CALM) >= 0) {
            takeovers = 0;
        }
        if (takenOver(end)) {
            silentCloses = 0;
            takeover(describe(end));
        } else if (end.closedWithoutReason() && lived.compareTo(SOON) < 0) {
            if (++silentCloses >= 2) {
                takeover("the broker closed the connection without a reason " + silentCloses + " times in a row, each within "
                        + SOON.toSeconds() + "s of accepting it: another client is probably using client_id " + clientId
                        + " (a broker closes the older of two connections with the same id, Mosquitto without saying why),"
                        + " or the broker closes a connection that publishes where it may not;"
                        + " give every agent a client_id of its own");
            }
        } else {
            silentCloses = 0;
            takeovers = 0;
        }
    }

    /** Why not to connect now, or null to go ahead. */
    public @Nullable String refusal() {
        if (refusalsLeft == 0) {
            return null;
        }
        refusalsLeft--;
        return explanation;
    }

    /** A sentence for a connection that ended because another client took it over; null for any other end. */
    public @Nullable String explain(DisconnectInfo end) {
        return takenOver(end) ? describe(end) : null;
    }

    private void takeover(String why) {
        takeovers++;
        refusalsLeft = Math.min(takeovers, MOST_REFUSALS);
        explanation = why;
    }

    private String describe(DisconnectInfo end) {
        return "another client is using client_id " + clientId + ": the broker handed it this connection's session ("
                + end + "); give every agent a client_id of its own";
    }

    private static boolean takenOver(DisconnectInfo end) {
        return end.cause() == DisconnectInfo.Cause.SERVER_DISCONNECT && end.reasonCode() == MqttReasonCodes.SESSION_TAKEN_OVER;
    }
}
