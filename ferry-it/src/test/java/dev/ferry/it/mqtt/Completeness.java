package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.agent.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery contract, checked by ID against the log once the agent has stopped: every reading the sink's
 * cursor has passed arrived; nothing arrived that the log does not hold; a reading that arrived more than once
 * came with the same ID and the same content each time.
 */
final class Completeness {

    private Completeness() {}

    /** A reading's JSON as maps and lists: the same reading whatever the order of its tags. */
    private static Object tree(String json) {
        try {
            return JsonTree.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Fails unless {@code received} holds every reading before {@code sink}'s cursor; returns how many that is. */
    static long assertDelivered(ReceivedReadings received, LoggedReadings log, String sink) {
        assertThat(log.problems()).as("problems in the log").isEmpty();
        assertThat(received.conflicts()).as("readings that arrived malformed or changed").isEmpty();
        assertThat(received.epochs()).as("epochs of the IDs received").containsOnly(log.epoch());

        long cursor = log.cursor(sink);
        assertThat(cursor).as("sink %s acknowledged readings (log holds %d)", sink, log.nextSeq()).isPositive();
        List<Long> missing = new ArrayList<>();
        for (long seq = 0; seq < cursor; seq++) {
            if (received.get(seq) == null) {
                missing.add(seq);
            }
        }
        assertThat(missing).as("readings acknowledged by sink %s (cursor at %d) that never arrived; %s", sink, cursor, received)
                .isEmpty();
        for (long seq : received.seqs()) {
            assertThat(tree(log.readings().get(seq))).as("reading %d as received (%s) and as logged", seq,
                    received.get(seq).json()).isEqualTo(tree(received.get(seq).json()));
        }
        System.out.printf("sink %s: %d readings delivered (cursor %d, log %d), %d re-delivered, %d messages%n", sink,
                received.distinct(), cursor, log.nextSeq(), received.duplicates(), received.messages());
        return cursor;
    }
}
