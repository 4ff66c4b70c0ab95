package dev.ferry.log.internal;

/**
 * What readers may see of the active segment: the first {@code size} bytes of {@code active}, holding records up
 * to {@code nextSeq - 1}. Published as one immutable value so a reader never pairs a new size with an old seq.
 */
public record CommitPoint(Segment active, long size, long nextSeq) {}
