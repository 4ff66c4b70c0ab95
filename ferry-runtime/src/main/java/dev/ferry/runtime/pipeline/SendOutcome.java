package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.Nullable;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.RefusedEntriesException.Refused;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** How a sent batch's completed stage ended, sorted by what the runner does next. */
sealed interface SendOutcome {

    /** The far end has every entry. */
    record Delivered() implements SendOutcome {}

    /** The far end has every entry but these, which it refused for good. */
    record Refusals(List<Refused> refused) implements SendOutcome {}

    /** The batch, of several entries, fails the same way every time and nobody knows which entries are at fault. */
    record Unsendable(Refusal refusal) implements SendOutcome {}

    /** A failure that may pass: the batch goes again, unchanged, after a backoff. */
    record Transient(Throwable failure) implements SendOutcome {}

    /** Sorts a completed stage; a deterministic failure of a single entry is that entry's refusal. */
    static SendOutcome of(Batch batch, CompletableFuture<Void> done) {
        Throwable failure = failureOf(done);
        if (failure == null) {
            return new Delivered();
        }
        if (failure instanceof RefusedEntriesException refused) {
            return new Refusals(refused.refused());
        }
        Refusal deterministic = RefusalHandler.deterministic(failure);
        if (deterministic == null) {
            return new Transient(failure);
        }
        return batch.size() == 1 ? new Refusals(List.of(new Refused(batch.entries().getFirst(), deterministic)))
                : new Unsendable(deterministic);
    }

    private static @Nullable Throwable failureOf(CompletableFuture<Void> done) {
        return done.isCompletedExceptionally() ? done.exceptionNow() : null;   // exceptionNow unwraps CompletionException
    }
}
