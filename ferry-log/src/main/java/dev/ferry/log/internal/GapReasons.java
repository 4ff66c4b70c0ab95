package dev.ferry.log.internal;

import dev.ferry.api.GapReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a missing seq range into pieces with the reason the journal gives for each. Where two entries overlap
 * (a corrupt range later evicted with its segment) the older entry wins: it is what happened to those readings first.
 * A seq no entry explains was reclaimed while its cursor was not in the active set, which counts as retention.
 */
public final class GapReasons {

    public static final GapReason UNEXPLAINED = GapReason.RETENTION_BYTES;

    private GapReasons() {}

    public record Piece(long first, long last, GapReason reason) {}

    public static List<Piece> explain(long from, long to, List<Eviction> journal) {
        List<Piece> pieces = new ArrayList<>();
        long s = from;
        while (s <= to) {
            int chosen = -1;
            for (int i = 0; i < journal.size() && chosen < 0; i++) {
                if (journal.get(i).covers(s)) {
                    chosen = i;
                }
            }
            long end = to;
            GapReason reason = UNEXPLAINED;
            if (chosen >= 0) {
                end = Math.min(end, journal.get(chosen).lastSeq());
                reason = journal.get(chosen).reason();
            }
            // An entry that takes precedence over the chosen one (or any entry, when none was chosen) may start later.
            int bound = chosen >= 0 ? chosen : journal.size();
            for (int i = 0; i < bound; i++) {
                long first = journal.get(i).firstSeq();
                if (first > s) {
                    end = Math.min(end, first - 1);
                }
            }
            add(pieces, new Piece(s, end, reason));
            s = end + 1;
        }
        return pieces;
    }

    private static void add(List<Piece> pieces, Piece piece) {
        if (!pieces.isEmpty()) {
            Piece last = pieces.getLast();
            if (last.reason() == piece.reason() && last.last() + 1 == piece.first()) {
                pieces.set(pieces.size() - 1, new Piece(last.first(), piece.last(), piece.reason()));
                return;
            }
        }
        pieces.add(piece);
    }
}
