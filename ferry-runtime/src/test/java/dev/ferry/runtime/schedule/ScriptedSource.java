package dev.ferry.runtime.schedule;

import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A polled source whose n-th poll (from 1) does what the test's script says; records when it was polled. */
final class ScriptedSource implements PolledSource {

    @FunctionalInterface
    interface Script {
        List<Reading> poll(int n, Instant now) throws IOException, MalformedDataException, InterruptedException;
    }

    /** The clock when each poll ran. */
    final List<Instant> polls = new CopyOnWriteArrayList<>();
    /** The deadline each poll was given: when the runner started it, plus the timeout. */
    final List<Instant> deadlines = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    /** Polls that have returned or thrown. */
    final AtomicInteger ended = new AtomicInteger();
    private final Script script;

    ScriptedSource(Script script) {
        this.script = script;
    }

    /** One reading {@code value = n} per poll. */
    static ScriptedSource counting() {
        return new ScriptedSource((n, now) -> List.of(reading("value", n, now)));
    }

    /** Blocks its first poll until {@code release} opens, ignoring interrupts, like a driver stuck in native code. */
    static ScriptedSource stuckUntil(CountDownLatch release) {
        return new ScriptedSource((n, now) -> {
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return List.of(reading("value", n, now));
        });
    }

    static Reading reading(String metric, double value, Instant time) {
        return Reading.of("plugin-name", metric, Value.of(value), "", time);
    }

    int polled() {
        return polls.size();
    }

    @Override
    public List<Reading> poll(Deadline deadline) throws IOException, MalformedDataException, InterruptedException {
        Instant now = deadline.clock().instant();
        deadlines.add(deadline.at());
        polls.add(now);
        try {
            return script.poll(polls.size(), now);
        } finally {
            ended.incrementAndGet();
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
