package dev.ferry.api;

/**
 * A source that produces readings by itself: a subscription, a serial line that talks unasked, a server that
 * devices push to. The runtime calls {@link #start} once on a virtual thread of its own and {@link #close()}
 * once to stop; after close the source must not emit again.
 */
public non-sealed interface StreamingSource extends Source {

    /**
     * Starts producing into {@code out}. May block for the life of the source (the thread is the source's own)
     * or return after starting its own machinery; it returns or throws {@link InterruptedException} when closed.
     */
    void start(Emitter out) throws Exception;
}
