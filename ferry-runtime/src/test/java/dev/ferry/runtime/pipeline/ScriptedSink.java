package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.Sink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink whose acknowledgements the test completes by hand, in any order, or lets fail. */
final class ScriptedSink implements Sink {

    final LinkedBlockingDeque<Sent> sent = new LinkedBlockingDeque<>();
    final List<Batch> history = new CopyOnWriteArrayList<>();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger failOpens = new AtomicInteger();
    private final int window;
    volatile boolean closed;

    record Sent(Batch batch, CompletableFuture<Void> ack) {}

    ScriptedSink(int window) {
        this.window = window;
    }

    @Override
    public void open() throws IOException {
        opens.incrementAndGet();
        if (failOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("broker unreachable");
        }
    }

    @Override
    public CompletionStage<Void> send(Batch batch) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        history.add(batch);
        sent.add(new Sent(batch, ack));
        return ack;
    }

    @Override
    public int maxBatchSize() {
        return 10;
    }

    @Override
    public int maxBatchesInFlight() {
        return window;
    }

    @Override
    public void close() {
        closed = true;
    }
}
