package dev.ferry.runtime.schedule;

import dev.ferry.api.Reading;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where scheduled sources put their readings: in the agent, the durable log's append.
 *
 * <p>Called from a source's own virtual thread (a polled source's scheduling thread, or whichever thread a
 * streaming source emits on), possibly from many sources at once. May block while the log applies backpressure,
 * and must then end with {@link InterruptedException} when the calling thread is interrupted, which is how a
 * source is stopped. The stage completes once the readings are durable, exceptionally if they could not be stored.
 */
@FunctionalInterface
public interface ReadingAppender {

    CompletionStage<Void> append(List<Reading> readings) throws InterruptedException;
}
