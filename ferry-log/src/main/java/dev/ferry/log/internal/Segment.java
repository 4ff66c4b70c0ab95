package dev.ferry.log.internal;

import java.nio.file.Path;

/**
 * One segment file as the running log knows it. Only the writer thread creates and seals segments; readers see
 * a segment's end through {@link #sealed()} or, while it is the active one, through the {@link CommitPoint}.
 */
public final class Segment {

    private final long baseSeq;
    private final Path path;
    private final long createdAtMillis;
    // Written once by seal(), before the volatile flag that publishes them.
    private long finalSize;
    private long endSeq;
    private long sealedAtMillis;
    private volatile boolean sealed;

    public Segment(long baseSeq, Path path, long createdAtMillis) {
        this.baseSeq = baseSeq;
        this.path = path;
        this.createdAtMillis = createdAtMillis;
    }

    public long baseSeq() {
        return baseSeq;
    }

    public Path path() {
        return path;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public boolean sealed() {
        return sealed;
    }

    /**
     * Freezes the segment: it holds the records {@code [baseSeq, endSeq)} in {@code size} bytes and will never be
     * written again.
     */
    public void seal(long size, long endSeq, long sealedAtMillis) {
        this.finalSize = size;
        this.endSeq = endSeq;
        this.sealedAtMillis = sealedAtMillis;
        this.sealed = true;
    }

    /** Size in bytes; valid once sealed. */
    public long finalSize() {
        return finalSize;
    }

    /** The sequence number after the last one this segment holds; valid once sealed. */
    public long endSeq() {
        return endSeq;
    }

    /** No record in the segment was appended after this instant; valid once sealed. */
    public long sealedAtMillis() {
        return sealedAtMillis;
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
