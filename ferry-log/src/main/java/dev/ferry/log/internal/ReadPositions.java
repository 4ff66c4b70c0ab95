package dev.ferry.log.internal;

import dev.ferry.api.Nullable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Byte offsets of seqs a reader started polls at, so that a rewind to the acknowledged seq resumes close to it
 * instead of rescanning its segment from the start.
 */
final class ReadPositions {

    private static final int MAX = 256;

    record Position(Segment segment, long offset, long seq) {}

    private final Deque<Position> positions = new ArrayDeque<>();

    void remember(Segment segment, long offset, long seq) {
        Position last = positions.peekLast();
        if (last != null && last.seq() >= seq) {
            return;
        }
        if (positions.size() == MAX) {
            // Keep the oldest: it is the one a rewind to the acknowledged seq needs.
            Position oldest = positions.pollFirst();
            positions.pollFirst();
            positions.addFirst(oldest);
        }
        positions.addLast(new Position(segment, offset, seq));
    }

    @Nullable Position atOrBefore(long seq) {
        Position best = null;
        for (Position p : positions) {
            if (p.seq() <= seq) {
                best = p;
            }
        }
        return best;
    }

    /** Drops positions below {@code seq}, except the last of them (the start of an entry at or after it). */
    void forgetBefore(long seq) {
        while (positions.size() >= 2) {
            Iterator<Position> it = positions.iterator();
            it.next();
            if (it.next().seq() > seq) {
                return;
            }
            positions.pollFirst();
        }
    }
}
