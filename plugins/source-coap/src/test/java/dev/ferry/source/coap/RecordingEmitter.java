package dev.ferry.source.coap;

import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Keeps what a source emits. By default every emit is committed at once; {@link #commitWith} makes commits slow or
 * failing, and a failed commit keeps nothing.
 */
final class RecordingEmitter implements Emitter {

    private final List<Reading> readings = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private int pending;
    private Function<List<Reading>, CompletableFuture<Void>> commit = batch -> CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> emit(List<Reading> batch) {
        CompletableFuture<Void> committed;
        synchronized (this) {
            committed = commit.apply(batch);
            pending++;
        }
        return committed.whenComplete((ok, failure) -> {
            synchronized (this) {
                pending--;
                if (failure == null) {
                    readings.addAll(batch);
                }
            }
        });
    }

    @Override
    public synchronized void malformed(String what) {
        malformed.add(what);
    }

    synchronized void commitWith(Function<List<Reading>, CompletableFuture<Void>> behaviour) {
        commit = behaviour;
    }

    synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /** Forgets what was recorded so far. */
    synchronized void clear() {
        readings.clear();
        malformed.clear();
    }

    /** Emits whose commit has not completed yet. */
    synchronized int pending() {
        return pending;
    }

    synchronized List<String> malformed() {
        return List.copyOf(malformed);
    }
}
