package dev.ferry.source.serial.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the frames a framer cuts and hands their readings to the emitter, one batch per chunk read from the
 * port, so a burst of frames costs one append rather than one per frame. A frame that cannot be decoded is
 * reported as malformed and none of its readings are kept; the readings of the good frames before it are emitted
 * first. Used by one reader thread.
 */
final class FrameHandler implements FrameConsumer {

    private final FrameDecoder decoder;
    private final Clock clock;
    private final Emitter emitter;
    private List<Reading> pending = new ArrayList<>();

    FrameHandler(FrameDecoder decoder, Clock clock, Emitter emitter) {
        this.decoder = decoder;
        this.clock = clock;
        this.emitter = emitter;
    }

    @Override
    public void frame(byte[] buffer, int offset, int length) throws InterruptedException {
        int before = pending.size();
        try {
            decoder.decode(buffer, offset, length, clock.instant(), pending);
        } catch (MalformedFrameException e) {
            pending.subList(before, pending.size()).clear();
            malformed(e.getMessage());
        }
    }

    /** Emits the good frames before it first, so the runtime sees the stream's order: only garbage in a row quarantines. */
    @Override
    public void malformed(String what) throws InterruptedException {
        flush();
        emitter.malformed(what);
    }

    /** Emits the readings of the frames decoded since the last flush, if any. */
    void flush() throws InterruptedException {
        if (!pending.isEmpty()) {
            List<Reading> batch = pending;
            pending = new ArrayList<>(batch.size());
            emitter.emit(batch);
        }
    }
}
