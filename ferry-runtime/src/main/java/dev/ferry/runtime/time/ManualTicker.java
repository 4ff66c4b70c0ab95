package dev.ferry.runtime.time;

import dev.ferry.api.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ticker whose time moves only when told to, for tests: {@link #advance} moves the clock and wakes every
 * waiter whose deadline it reached; {@link #stepWallClock} sets the wall clock alone, as NTP does, leaving the
 * time waited on (as {@link Thread#sleep} does) where it is. Waiters are counted, so a test can wait until the threads under test are
 * all parked on this ticker before moving time ({@link #awaitSleepers}, {@link #awaitWaiters}), which makes
 * schedules exact instead of timing-dependent.
 */
public final class ManualTicker implements Ticker {

    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Wait> waits = new ArrayList<>();
    private final Clock clock = new ManualClock(ZoneOffset.UTC);
    private final Instant start;
    /** The time waits are measured on: it moves only by {@link #advance}. */
    private volatile Instant now;
    /** How far the wall clock was stepped away from {@link #now}. */
    private volatile Duration wallOffset = Duration.ZERO;

    public ManualTicker(Instant start) {
        this.start = start;
        this.now = start;
    }

    /** Starts at 2025-01-01T00:00:00Z, a round instant that makes expected values easy to write. */
    public ManualTicker() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public long elapsedNanos() {
        return Duration.between(start, now).toNanos();
    }

    /** Steps the wall clock by {@code step} (back when negative) without time passing: sleepers sleep on. */
    public void stepWallClock(Duration step) {
        wallOffset = wallOffset.plus(step);
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, was asked to move " + duration);
        }
        advanceTo(now.plus(duration).plus(wallOffset));
    }

    /** Lets time pass until the wall clock shows {@code instant}. */
    public void advanceTo(Instant instant) {
        instant = instant.minus(wallOffset);
        lock.lock();
        try {
            if (instant.isBefore(now)) {
                throw new IllegalArgumentException("time only moves forward: " + instant + " is before " + now);
            }
            now = instant;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The earliest deadline among the threads still waiting (not yet due), if any. */
    public Optional<Instant> nextDeadline() {
        lock.lock();
        try {
            return waits.stream().filter(this::pending).map(Wait::deadline).min(Comparator.naturalOrder())
                    .map(deadline -> deadline.plus(wallOffset));
        } finally {
            lock.unlock();
        }
    }

    /** Threads in {@link #sleep} whose deadline has not come. */
    public int sleepers() {
        return count(false);
    }

    /** Threads in {@link #sleep} or {@link #await} still waiting: deadline not come, future not done. */
    public int waiters() {
        return count(true);
    }

    /**
     * Waits (in real time, up to 10 s) until exactly {@code count} threads are in {@link #sleep} with their
     * deadline still ahead: the threads under test have settled and the next move of time decides what happens.
     */
    public void awaitSleepers(int count) throws InterruptedException {
        settle(count, false);
    }

    /** As {@link #awaitSleepers}, counting threads in {@link #await} (future not done) as well. */
    public void awaitWaiters(int count) throws InterruptedException {
        settle(count, true);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        waitFor(null, duration);
    }

    /** Waits for the instant itself, read under the lock: an advance between reading the time and waiting is no race. */
    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        waitFor(null, null, instant.minus(wallOffset));
    }

    @Override
    public void sleepUntilElapsed(long nanos) throws InterruptedException {
        waitFor(null, null, start.plusNanos(nanos));
    }

    @Override
    public boolean await(CompletableFuture<?> future, Duration timeout) throws InterruptedException {
        future.whenComplete((result, failure) -> wakeAll());
        return waitFor(future, timeout);
    }

    private boolean waitFor(@Nullable CompletableFuture<?> future, Duration duration) throws InterruptedException {
        return waitFor(future, duration, null);
    }

    /** Waits for {@code duration} from now, or until {@code until} when given. */
    private boolean waitFor(@Nullable CompletableFuture<?> future, @Nullable Duration duration, @Nullable Instant until)
            throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        lock.lock();
        try {
            Wait wait = new Wait(until != null ? until : now.plus(duration), future);
            waits.add(wait);
            changed.signalAll();
            try {
                while (!done(future) && now.isBefore(wait.deadline())) {
                    changed.await();
                }
                return done(future);
            } finally {
                waits.remove(wait);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean done(@Nullable CompletableFuture<?> future) {
        return future != null && future.isDone();
    }

    private void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int count(boolean includeAwaits) {
        lock.lock();
        try {
            return countLocked(includeAwaits);
        } finally {
            lock.unlock();
        }
    }

    private void settle(int count, boolean includeAwaits) throws InterruptedException {
        long left = SETTLE_LIMIT.toNanos();
        lock.lock();
        try {
            while (countLocked(includeAwaits) != count) {
                if (left <= 0) {
                    throw new IllegalStateException("waited " + SETTLE_LIMIT.toSeconds() + "s for " + count
                            + (includeAwaits ? " waiting" : " sleeping") + " threads on the manual ticker, but "
                            + countLocked(includeAwaits) + " are");
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private int countLocked(boolean includeAwaits) {
        int n = 0;
        for (Wait w : waits) {
            if (pending(w) && (includeAwaits || w.future() == null)) {
                n++;
            }
        }
        return n;
    }

    /** Still waiting: a woken thread stays listed until it gets the lock back, and must not count. */
    private boolean pending(Wait w) {
        return w.deadline().isAfter(now) && !done(w.future());
    }

    /** One thread parked on this ticker; a class, not a record, as two threads may share a deadline. */
    private static final class Wait {
        private final Instant deadline;
        private final @Nullable CompletableFuture<?> future;

        Wait(Instant deadline, @Nullable CompletableFuture<?> future) {
            this.deadline = deadline;
            this.future = future;
        }

        Instant deadline() {
            return deadline;
        }

        @Nullable
        CompletableFuture<?> future() {
            return future;
        }
    }

    private final class ManualClock extends Clock {
        private final ZoneId zone;

        ManualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new ManualClock(other);
        }

        @Override
        public Instant instant() {
            return now.plus(wallOffset);
        }
    }
}
