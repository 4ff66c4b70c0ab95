package dev.ferry.runtime.schedule;

import dev.ferry.api.Reading;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every reading appended, as the log would, and acknowledges at once. */
final class RecordingAppender implements ReadingAppender {

    final List<Reading> readings = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> append(List<Reading> batch) {
        readings.addAll(batch);
        return CompletableFuture.completedFuture(null);
    }

    List<Reading> of(String source) {
        return readings.stream().filter(r -> r.source().equals(source)).toList();
    }
}
