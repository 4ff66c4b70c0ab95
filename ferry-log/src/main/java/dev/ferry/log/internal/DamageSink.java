package dev.ferry.log.internal;

/**
 * Where a reader reports damage it finds. The running log quarantines, journals, counts and warns (once per
 * damage, however many cursors trip over it); the offline inspector only describes it.
 */
public interface DamageSink {

    /**
     * Bytes {@code [start, end)} of {@code segment} could not be read; seqs {@code [firstSeq, lastSeq]} are lost
     * (none when {@code lastSeq < firstSeq}).
     */
    void damaged(Segment segment, long start, long end, long firstSeq, long lastSeq, String cause);
}
