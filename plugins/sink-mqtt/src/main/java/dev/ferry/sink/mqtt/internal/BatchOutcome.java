package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.LogEntry;
import dev.ferry.api.Nullable;
import dev.ferry.api.Refusal;
import dev.ferry.api.RefusedEntriesException;
import dev.ferry.api.RefusedEntriesException.Refused;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * What a batch's stage says once every message of it is settled. Every message is given its chance: a refused one
 * does not stop the others. Then a failure that is not a refusal (a lost connection) wins, as the whole batch must go
 * again; else the refused entries, those refused before sending and those the broker refused, fail the stage with
 * {@link RefusedEntriesException}; else it completes.
 */
public final class BatchOutcome {

    private BatchOutcome() {}

    /**
     * @param acks one per message, in the same order
     * @param refusedBefore readings refused without being sent
     * @param sinkFailure turns a failure that is not a refusal into the one line the stage fails with
     */
    public static CompletableFuture<Void> of(List<Outgoing> messages, List<CompletableFuture<Void>> acks,
            List<Refused> refusedBefore, Function<Throwable, IOException> sinkFailure) {
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((ignored, any) -> {
            List<Refused> refused = new ArrayList<>(refusedBefore);
            Throwable notARefusal = null;
            for (int i = 0; i < acks.size(); i++) {
                Throwable failure = failureOf(acks.get(i));
                if (failure == null) {
                    continue;
                }
                Refusal refusal = PublishRefusals.of(failure, messages.get(i).topic());
                if (refusal == null) {
                    notARefusal = notARefusal == null ? failure : notARefusal;
                } else {
                    for (LogEntry entry : messages.get(i).entries()) {
                        refused.add(new Refused(entry, refusal));
                    }
                }
            }
            if (notARefusal != null) {
                throw new CompletionException(sinkFailure.apply(notARefusal));
            }
            if (!refused.isEmpty()) {
                throw new CompletionException(new RefusedEntriesException(inLogOrder(refused)));
            }
            return null;
        });
    }

    private static List<Refused> inLogOrder(List<Refused> refused) {
        List<Refused> ordered = new ArrayList<>(refused);
        ordered.sort(Comparator.comparingLong(r -> r.entry().firstSeq()));
        return ordered;
    }

    private static @Nullable Throwable failureOf(CompletableFuture<Void> ack) {
        return ack.isCompletedExceptionally() ? ack.exceptionNow() : null; // exceptionNow unwraps CompletionException
    }
}
