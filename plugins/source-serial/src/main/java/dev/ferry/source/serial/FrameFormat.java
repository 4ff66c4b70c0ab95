package dev.ferry.source.serial;

/** How the device frames its data; written {@code key-value}, {@code csv}, {@code regex} or {@code binary}. */
public enum FrameFormat {
    /** ASCII lines of {@code key=value} pairs, e.g. {@code T=23.5,H=41.2}. */
    KEY_VALUE,
    /** ASCII lines of separated columns, e.g. {@code 23.5,41.2}. */
    CSV,
    /** ASCII lines matched by a regular expression with named groups. */
    REGEX,
    /** Binary frames: start bytes, length, payload, checksum. */
    BINARY
}
