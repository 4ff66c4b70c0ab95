package dev.ferry.runtime.pipeline;

import dev.ferry.api.Batch;
import dev.ferry.api.LogEntry;
import dev.ferry.api.Nullable;
import dev.ferry.log.DurableLog;
import dev.ferry.log.LogCursor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh readings first, the backlog behind them. When the sink connects (at start, or again after a failure) with
 * more than a batch of backlog, the log's head at that moment becomes the split point: a second cursor
 * ({@code <sink>~live}) delivers everything from the split point on as it arrives, while the sink's own cursor
 * backfills up to the split point, taking turns with the fresh ones. Once the backfill reaches the split point, the
 * sink's cursor jumps to where the live cursor is, and the live cursor is dropped.
 *
 * <p>The split point is persisted as a third cursor ({@code <sink>~split}) that never moves, so a restart resumes
 * both lanes where they were acknowledged. No reading is ever skipped: the sink's cursor passes the split point
 * only after the backfill acknowledged everything below it, and then moves only to what the live lane acknowledged.
 */
final class LiveFirstCursor implements SinkCursor {

    private static final Logger log = LoggerFactory.getLogger(LiveFirstCursor.class);

    private enum Lane { BACKFILL, LIVE }

    private static final List<Lane> LIVE_THEN_BACKFILL = List.of(Lane.LIVE, Lane.BACKFILL);
    private static final List<Lane> BACKFILL_THEN_LIVE = List.of(Lane.BACKFILL, Lane.LIVE);

    private final DurableLog durableLog;
    private final String name;
    private final LogCursor main;
    private final long backlogThreshold;
    /** The lane of each polled batch not yet acknowledged, oldest first: the runner acknowledges in this order. */
    private final ArrayDeque<Lane> unacknowledged = new ArrayDeque<>();
    private @Nullable LogCursor live;
    private Lane lastLane = Lane.BACKFILL;
    private long split;

    LiveFirstCursor(DurableLog durableLog, String name, long backlogThreshold) throws IOException {
        this.durableLog = durableLog;
        this.name = name;
        this.main = durableLog.cursor(name);
        this.backlogThreshold = backlogThreshold;
        if (durableLog.hasCursor(liveName()) && durableLog.hasCursor(splitName())) {
            try (LogCursor marker = durableLog.cursor(splitName())) {
                split = marker.committedSeq();
            }
            live = durableLog.cursor(liveName());
            log.info("sink {}: resuming live-first delivery; backfilling up to seq {}", name, split);
            finishIfCaughtUp();
        } else {
            dropLeftovers();
        }
    }

    private String liveName() {
        return name + "~live";
    }

    private String splitName() {
        return name + "~split";
    }

    /** The sink is connected again: if a backlog built up meanwhile, fresh readings go first from now on. */
    @Override
    public void opened() throws IOException {
        splitIfBehind();
    }

    private void splitIfBehind() throws IOException {
        long head = durableLog.nextSeq();
        if (live != null || head - main.committedSeq() <= backlogThreshold) {
            return;
        }
        try (LogCursor marker = durableLog.cursor(splitName())) {
            marker.skipTo(head);
            marker.flush();
        }
        LogCursor opened = durableLog.cursor(liveName());
        opened.skipTo(head);
        opened.flush();
        live = opened;
        split = head;
        log.info("sink {}: {} readings behind; sending fresh ones first and backfilling up to seq {}", name,
                head - main.committedSeq(), head);
    }

    @Override
    public void wakeUp() {
        main.wakeUp();   // wakes every lane: they wait on the same log
    }

    @Override
    public List<LogEntry> poll(int maxEntries, Duration maxWait) throws IOException, InterruptedException {
        LogCursor liveLane = live;
        if (liveLane == null) {
            return record(Lane.BACKFILL, main.poll(maxEntries, maxWait));
        }
        if (main.committedSeq() >= split) {
            // The backlog is delivered: hand out nothing more until the fresh batches in flight are acknowledged,
            // then the sink's cursor takes over (see finishIfCaughtUp); a steady trickle would otherwise never let it.
            Thread.sleep(maxWait);
            return List.of();
        }
        // Fresh readings go first, but never twice in a row while backlog waits: fresh batches are small, and a
        // steady trickle of them must not starve the backfill.
        Lane first = lastLane == Lane.LIVE ? Lane.BACKFILL : Lane.LIVE;
        for (Lane lane : first == Lane.LIVE ? LIVE_THEN_BACKFILL : BACKFILL_THEN_LIVE) {
            List<LogEntry> entries = lane == Lane.LIVE ? liveLane.poll(maxEntries, Duration.ZERO) : pollBacklog(maxEntries);
            if (!entries.isEmpty()) {
                return record(lane, entries);
            }
        }
        return record(Lane.LIVE, liveLane.poll(maxEntries, maxWait));
    }

    private List<LogEntry> pollBacklog(int maxEntries) throws IOException, InterruptedException {
        long room = split - main.readSeq();
        return room > 0 ? main.poll((int) Math.min(maxEntries, room), Duration.ZERO) : List.of();
    }


    private List<LogEntry> record(Lane lane, List<LogEntry> entries) {
        if (!entries.isEmpty()) {
            unacknowledged.addLast(lane);
            lastLane = lane;
        }
        return entries;
    }

    @Override
    public void ack(Batch batch) throws IOException {
        Lane lane = unacknowledged.removeFirst();
        LogCursor liveLane = live;
        if (lane == Lane.LIVE && liveLane != null) {
            liveLane.ack(batch.lastSeq());
        } else {
            main.ack(batch.lastSeq());
        }
        finishIfCaughtUp();
    }

    /** Once the backfill reached the split point and no live batch is in flight, one cursor is enough again. */
    private void finishIfCaughtUp() throws IOException {
        LogCursor liveLane = live;
        if (liveLane == null || main.committedSeq() < split || unacknowledged.contains(Lane.LIVE)) {
            return;
        }
        main.skipTo(liveLane.committedSeq());
        main.rewind();
        main.flush();
        live = null;
        liveLane.close();
        dropLeftovers();
        log.info("sink {}: backlog delivered; back to oldest-first at seq {}", name, main.committedSeq());
    }

    private void dropLeftovers() throws IOException {
        for (String leftover : List.of(liveName(), splitName())) {
            if (durableLog.hasCursor(leftover)) {
                durableLog.dropCursor(leftover);
            }
        }
    }

    @Override
    public void rewind() throws IOException {
        unacknowledged.clear();
        main.rewind();
        if (live != null) {
            live.rewind();
            finishIfCaughtUp();
        }
    }

    @Override
    public void flush() throws IOException {
        main.flush();
        if (live != null) {
            live.flush();
        }
    }

    @Override
    public long committedSeq() {
        return main.committedSeq();
    }

    @Override
    public void close() throws IOException {
        if (live != null) {
            live.close();
        }
        main.close();
    }
}
