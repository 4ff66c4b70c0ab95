package dev.ferry.api;

/**
 * A producer of readings. A source is either {@link PolledSource} (the runtime calls it on a schedule) or
 * {@link StreamingSource} (it pushes readings by itself). One instance serves one configured source name.
 */
public sealed interface Source extends AutoCloseable permits PolledSource, StreamingSource {

    /** Releases devices, sockets and threads. Called once, after the last read; must not throw for a closed device. */
    @Override
    void close();
}
