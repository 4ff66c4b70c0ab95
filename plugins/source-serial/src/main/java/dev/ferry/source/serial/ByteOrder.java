package dev.ferry.source.serial;

/** The order of a multi-byte binary field's bytes; {@code big} (most significant first) or {@code little}. */
public enum ByteOrder {
    BIG,
    LITTLE
}
