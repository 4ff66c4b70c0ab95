package dev.ferry.api;

import java.util.Objects;

/**
 * The identity of a reading once it is in the durable log: unique forever and stable across re-sends.
 * A consumer de-duplicates on the whole ID and detects gaps by {@code seq} within one {@code (agent, epoch)}.
 *
 * @param agent the agent's configured id
 * @param epoch a random name given to the log when it was created; a new log directory is a new epoch
 * @param seq the log's sequence number, gap-free within an epoch
 */
public record ReadingId(String agent, String epoch, long seq) {

    public ReadingId {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(epoch, "epoch");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
    }

    /** {@code agent:epoch:seq}, the form every sink writes. */
    @Override
    public String toString() {
        return agent + ":" + epoch + ":" + seq;
    }

    /** Parses the {@link #toString()} form; the agent id may itself contain colons. */
    public static ReadingId parse(String text) {
        int last = text.lastIndexOf(':');
        int middle = last > 0 ? text.lastIndexOf(':', last - 1) : -1;
        if (middle <= 0) {
            throw new IllegalArgumentException("not a reading id (agent:epoch:seq): " + text);
        }
        return new ReadingId(text.substring(0, middle), text.substring(middle + 1, last), Long.parseLong(text.substring(last + 1)));
    }
}
