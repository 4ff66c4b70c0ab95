package dev.ferry.sink.file;

import dev.ferry.api.Batch;
import dev.ferry.api.Sink;
import dev.ferry.format.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Appends JSON Lines to a file. A batch is acknowledged once written (and fsync'd when configured). After a crash
 * the unacknowledged tail is written again with the same IDs, so a consumer de-duplicates on {@code id}; a line
 * cut short by a crash is completed on a new line, never glued to the next.
 */
final class FileSink implements Sink {

    private final Path path;
    private final boolean fsync;
    private FileChannel channel;

    FileSink(Path path, boolean fsync) {
        this.path = path;
        this.fsync = fsync;
    }

    @Override
    public void open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.position(channel.size());
        endPartialLine();
    }

    private void endPartialLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    @Override
    public CompletionStage<Void> send(Batch batch) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(JsonLines.encode(batch.entries()));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(false);
            }
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was lost: every acknowledged batch was already written.
            }
        }
    }
}
