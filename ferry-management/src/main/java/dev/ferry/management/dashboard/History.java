package dev.ferry.management.dashboard;

import dev.ferry.runtime.pipeline.Agent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's memory of the last hour: a virtual thread takes one {@link Sample} of the agent every
 * {@link #INTERVAL} into a {@link HistoryRing} of {@link #SAMPLES}, whether or not anybody looks, so the charts have
 * a past when a browser arrives. A sample is a few dozen numbers from counters the agent keeps anyway; the ring
 * costs 2.8 KiB per series (about 130 KiB for ten sources of three metrics and two sinks: 47 series).
 */
public final class History implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final int SAMPLES = 360;

    private static final Logger log = LoggerFactory.getLogger(History.class);

    private final Agent agent;
    private final Clock clock;
    private final HistoryRing ring = new HistoryRing(SAMPLES);
    private final Thread sampler;

    private History(Agent agent, Clock clock) {
        this.agent = agent;
        this.clock = clock;
        this.sampler = Thread.ofVirtual().name("dashboard-history").unstarted(this::sampleUntilClosed);
    }

    /** Takes the first sample at once, then one every {@link #INTERVAL} until closed. */
    public static History start(Agent agent, Clock clock) {
        History history = new History(agent, clock);
        history.sampler.start();
        return history;
    }

    private void sampleUntilClosed() {
        try {
            while (true) {
                sampleNow();
                Thread.sleep(INTERVAL);
            }
        } catch (InterruptedException closing) {
            // close() ends the sampling
        }
    }

    /** Adds one sample of the agent as it is now. */
    void sampleNow() {
        if (!agent.running()) {
            return;
        }
        try {
            ring.add(Samples.of(agent, clock.instant()));
        } catch (RuntimeException e) {
            // a missed sample is a gap in a chart, never a reason to stop sampling
            log.warn("dashboard history: cannot take a sample: {}", e.toString());
        }
    }

    /**
     * Writes the history as JSON (see {@code docs/operations.md}), with each source's latest readings.
     *
     * @param after only the samples taken after this time; null for every sample held
     */
    public void writeJson(@dev.ferry.api.Nullable Instant after, OutputStream out) throws IOException {
        HistoryView view = after == null ? ring.all() : ring.after(after);
        HistoryJson.write(view, INTERVAL, SAMPLES, agent.sources().lastReadings(), out);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
