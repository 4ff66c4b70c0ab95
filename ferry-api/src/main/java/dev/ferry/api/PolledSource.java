package dev.ferry.api;

import java.io.IOException;
import java.util.List;

/**
 * A source the runtime reads on a schedule.
 *
 * <p>Threading: {@link #poll} is called from one virtual thread per source, never concurrently with itself.
 * The runtime may interrupt that thread when the deadline has passed; implementations should let blocking I/O
 * end on interrupt or on the deadline. After {@link #close()} no further poll is made.
 *
 * <p>Faults are tiered by what is thrown: an {@link IOException} is transient (retried with backoff);
 * a {@link MalformedDataException} means the device answered with data that makes no sense (counted,
 * and repeated ones quarantine the source). Anything else is a bug and is reported as such.
 */
public non-sealed interface PolledSource extends Source {

    /** Reads the device once. May return an empty list when there is nothing new. */
    List<Reading> poll(Deadline deadline) throws IOException, MalformedDataException, InterruptedException;

    @Override
    default void close() {}
}
