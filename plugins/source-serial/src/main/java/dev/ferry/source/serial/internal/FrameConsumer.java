package dev.ferry.source.serial.internal;

/** Where a framer hands what it cut from the byte stream. */
interface FrameConsumer {

    /** A whole frame: a line without its terminator, or a binary frame's payload with its checksum verified. */
    void frame(byte[] buffer, int offset, int length) throws InterruptedException;

    /** Bytes that make no frame (an overlong line, a bad checksum, noise between frames). */
    void malformed(String what) throws InterruptedException;
}
