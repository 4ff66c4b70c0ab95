package dev.ferry.sink.file;

import dev.ferry.api.Batch;
import dev.ferry.api.Sink;
import dev.ferry.format.JsonLines;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** JSON Lines on standard output, for watching the agent and for piping into other tools. Logs go to stderr. */
final class StdoutSink implements Sink {

    private final OutputStream out;

    StdoutSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void open() {}

    @Override
    public CompletionStage<Void> send(Batch batch) {
        try {
            out.write(JsonLines.encode(batch.entries()));
            out.flush();
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {}
}
