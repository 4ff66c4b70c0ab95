package dev.ferry.it.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.testkit.mqtt.MqttRecorder;
import dev.ferry.testkit.mqtt.RecordedMessage;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The readings of one agent that arrived at a recorder, counted by ID. A reading may arrive more than once (sent
 * again after an acknowledgement was lost), but only as the same ID with the same content; anything else is kept
 * as a conflict for the test to fail on. Single readings and batch arrays both count; status and gap messages do
 * not. {@link #update} reads only what the recorder got since the last call, so a test may call it while waiting.
 */
final class ReceivedReadings {

    private static final JsonFactory JSON = new JsonFactory();

    /** One distinct reading: its ID, its JSON object as it came, and its time. */
    /**
     * @param time the reading's own time
     * @param arrived when {@link #update} first saw it: its arrival, to the resolution of the caller's polling
     */
    record Received(String id, String json, Instant time, Instant arrived) {}

    private final String agent;
    private final NavigableMap<Long, Received> bySeq = new TreeMap<>();
    private final Set<String> epochs = new TreeSet<>();
    private final List<String> conflicts = new ArrayList<>();
    private int recorded;
    private int messages;
    private long copies;

    ReceivedReadings(String agent) {
        this.agent = agent;
    }

    /** Takes in the messages the recorder got since the last call. */
    synchronized ReceivedReadings update(MqttRecorder recorder) {
        List<RecordedMessage> all = recorder.messages();
        for (; recorded < all.size(); recorded++) {
            add(all.get(recorded));
        }
        return this;
    }

    private void add(RecordedMessage message) {
        String prefix = "ferry/" + agent + "/";
        String topic = message.topic();
        if (!topic.startsWith(prefix) || topic.equals(prefix + "status") || topic.equals(prefix + "gaps")
                || topic.startsWith(prefix + "config/") || topic.startsWith(prefix + "update/")) {
            return;
        }
        messages++;
        String text = message.payloadText();
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    readObject(parser, text);
                }
            } else if (first == JsonToken.START_OBJECT) {
                readObject(parser, text);
            } else {
                conflicts.add("not a reading on " + message.topic() + ": " + text);
            }
        } catch (IOException | RuntimeException e) {
            conflicts.add("unreadable message on " + message.topic() + " (" + e.getMessage() + "): " + text);
        }
    }

    /** Reads the object whose START_OBJECT is the current token, and keeps it with its exact text. */
    private void readObject(JsonParser parser, String text) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        String id = null;
        String time = null;
        long seq = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> id = parser.getValueAsString();
                case "seq" -> seq = parser.getValueAsLong(-1);
                case "time" -> time = parser.getValueAsString();
                default -> { }
            }
            parser.skipChildren();
        }
        String json = text.substring(start, (int) parser.currentTokenLocation().getCharOffset() + 1);
        accept(id, seq, time, json);
    }

    private void accept(String id, long seq, String time, String json) {
        copies++;
        if (id == null || seq < 0 || time == null) {
            conflicts.add("a reading without id, seq or time: " + json);
            return;
        }
        String[] parts = id.split(":");
        if (parts.length != 3 || !parts[0].equals(agent) || !parts[2].equals(Long.toString(seq))) {
            conflicts.add("id " + id + " is not " + agent + ":<epoch>:" + seq + " in " + json);
            return;
        }
        epochs.add(parts[1]);
        Received before = bySeq.putIfAbsent(seq, new Received(id, json, OffsetDateTime.parse(time).toInstant(), Instant.now()));
        if (before != null && !before.json().equals(json)) {
            conflicts.add("id " + id + " arrived with different contents:\n  " + before.json() + "\n  " + json);
        }
    }

    /** Distinct readings received. */
    synchronized int distinct() {
        return bySeq.size();
    }

    /** Readings received, re-deliveries included. */
    synchronized long copies() {
        return copies;
    }

    synchronized long duplicates() {
        return copies - bySeq.size();
    }

    /** Messages that carried readings (one each, or an array each in batched mode). */
    synchronized int messages() {
        return messages;
    }

    synchronized List<String> conflicts() {
        return List.copyOf(conflicts);
    }

    synchronized Set<String> epochs() {
        return Set.copyOf(epochs);
    }

    synchronized Set<Long> seqs() {
        return Set.copyOf(bySeq.keySet());
    }

    /** Whether some reading made at or after {@code time} arrived. */
    synchronized boolean hasReadingsMadeAfter(Instant time) {
        return firstArrivalOfMadeAfter(time) != null;
    }

    /** When the first reading made at or after {@code time} arrived; null while none has. */
    synchronized Instant firstArrivalOfMadeAfter(Instant time) {
        Instant first = null;
        Instant longBefore = time.minusSeconds(60);   // seqs follow commits, which follow readings within seconds
        for (Received reading : bySeq.descendingMap().values()) {
            if (reading.time().isBefore(longBefore)) {
                break;
            }
            if (!reading.time().isBefore(time) && (first == null || reading.arrived().isBefore(first))) {
                first = reading.arrived();
            }
        }
        return first;
    }

    synchronized Received get(long seq) {
        return bySeq.get(seq);
    }

    /** The first seq not received, counting from 0: every reading below it arrived. */
    synchronized long contiguousEnd() {
        long next = 0;
        for (long seq : bySeq.keySet()) {
            if (seq != next) {
                break;
            }
            next++;
        }
        return next;
    }

    /**
     * Whether every reading up to one read at or after {@code mark} arrived: then whatever was held back before
     * {@code mark} (a backlog from an outage) has been delivered, as a sink delivers in log order.
     */
    synchronized boolean caughtUpWith(Instant mark) {
        long end = contiguousEnd();
        return end > 0 && !bySeq.get(end - 1).time().isBefore(mark);
    }

    @Override
    public synchronized String toString() {
        return distinct() + " distinct readings (" + copies + " received, contiguous to " + contiguousEnd() + ") in "
                + messages + " messages from " + agent;
    }
}
