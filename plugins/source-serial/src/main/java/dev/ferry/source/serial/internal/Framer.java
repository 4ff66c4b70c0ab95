package dev.ferry.source.serial.internal;

/** Cuts a byte stream into frames. Keeps the bytes of an unfinished frame until more arrive; not thread-safe. */
interface Framer {

    /** Takes the next {@code length} bytes of the stream, handing every frame they complete to the consumer. */
    void accept(byte[] data, int length) throws InterruptedException;
}
