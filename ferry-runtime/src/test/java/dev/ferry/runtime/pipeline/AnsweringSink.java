package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.Sink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A sink that answers each batch at once, as a function of the batch decides; it remembers every batch it was sent. */
final class AnsweringSink implements Sink {

    final List<Batch> sent = new CopyOnWriteArrayList<>();
    private final Function<Batch, CompletableFuture<Void>> answer;
    private final int batchSize;
    private final int window;

    AnsweringSink(int batchSize, int window, Function<Batch, CompletableFuture<Void>> answer) {
        this.answer = answer;
        this.batchSize = batchSize;
        this.window = window;
    }

    @Override
    public void open() {}

    @Override
    public CompletionStage<Void> send(Batch batch) {
        sent.add(batch);
        return answer.apply(batch);
    }

    @Override
    public int maxBatchSize() {
        return batchSize;
    }

    @Override
    public int maxBatchesInFlight() {
        return window;
    }

    @Override
    public void close() {}
}
