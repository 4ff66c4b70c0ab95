package dev.ferry.source.opcua.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.HealthState;
import dev.ferry.api.Nullable;
import dev.ferry.api.StreamingSource;
import dev.ferry.source.opcua.OpcUaConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OPC UA source: a streaming source whose subscription pushes changes, with the polled items read on the same
 * connection. {@link #start} blocks on the runtime's thread for the source's life: it connects (a failure is
 * thrown as an {@link IOException}, and the runtime retries with backoff), subscribes, and then loops, reading
 * the polled items every {@code poll_interval} and making the subscription again when the server lost it.
 *
 * <p>Once connected, Milo's client keeps the session by itself: when the connection drops it reconnects (waiting
 * 1, 2, 4, 8, then 16 s between attempts) and transfers the subscription to the new session. Health is DEGRADED
 * from the moment the session goes inactive, with the reason of the latest failed attempt (a refused password, an
 * untrusted certificate, a refused connection), and UP again once it is active.
 *
 * <p>Threads: {@link #start} on the runtime's source thread; notifications on the shared Milo callback threads
 * ({@link MiloThreads}); {@link #close} on the owner's thread, which closes before it joins the source thread.
 */
final class OpcUaSource implements StreamingSource {

    private static final Logger log = LoggerFactory.getLogger(OpcUaSource.class);
    private static final Duration IDLE_WAKE = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PROBE_SPACING = Duration.ofSeconds(1);

    private final String name;
    private final OpcUaConfig config;
    private final List<Item> items;
    private final Connector connector;
    private final HealthReporter health;
    private final Clock clock;
    private final ValueMapper mapper;
    private final BlockingQueue<Boolean> wakeups = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean connected;
    private volatile boolean recreatePending;
    private volatile @Nullable Session current;

    OpcUaSource(String name, OpcUaConfig config, List<Item> items, Connector connector, HealthReporter health, Clock clock) {
        this.name = name;
        this.config = config;
        this.items = items;
        this.connector = connector;
        this.health = health;
        this.clock = clock;
        this.mapper = new ValueMapper(name, clock);
    }

    @Override
    public void start(Emitter out) throws IOException, InterruptedException {
        Session session = new Session(name, connector.connect(), items, config.requestTimeout(), mapper);
        synchronized (this) {
            if (closed.get()) {
                session.close();
                return;
            }
            current = session;
        }
        try {
            try {
                session.open(config.publishingInterval(), out, this::recreateNeeded);
            } catch (UaException e) {
                throw new IOException(config.endpoint() + ": cannot subscribe: " + StatusNames.describe(e), e);
            }
            connected = true;
            session.watch(new HealthListener());
            health.up();
            log.info("source {}: connected to {}", name, config.endpoint());
            run(session, out);
        } finally {
            closeSession(session);
        }
    }

    private void run(Session session, Emitter out) throws InterruptedException {
        Instant nextPoll = clock.instant();
        Instant nextRetry = Instant.MIN;
        CompletableFuture<?> probe = CompletableFuture.completedFuture(null);
        Instant nextProbe = Instant.MIN;
        while (!closed.get()) {
            Instant now = clock.instant();
            if (connected && (recreatePending || session.subscriptionLost()) && !now.isBefore(nextRetry)) {
                nextRetry = recreate(session, now);
            }
            if (connected && session.hasPolledItems() && !now.isBefore(nextPoll)) {
                poll(session, out);
                nextPoll = nextPoll.plus(config.pollInterval());
                if (nextPoll.isBefore(now)) {
                    nextPoll = now.plus(config.pollInterval()); // fell behind: read once now, do not catch up
                }
            }
            if (!connected && probe.isDone() && !now.isBefore(nextProbe)) {
                probe = probeReason(session);
                nextProbe = now.plus(PROBE_SPACING); // a client that fails at once must not make this spin
            }
            Instant wakeAt = session.hasPolledItems() ? nextPoll : now.plus(IDLE_WAKE);
            if (!connected) {
                wakeAt = min(wakeAt, nextProbe);
            }
            if (recreatePending) {
                wakeAt = min(wakeAt, nextRetry.isAfter(now) ? nextRetry : now.plus(RETRY));
            }
            long waitMillis = Math.max(1, Duration.between(clock.instant(), wakeAt).toMillis());
            wakeups.poll(waitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private Instant recreate(Session session, Instant now) {
        try {
            recreatePending = false;
            session.recreateSubscription();
            log.info("source {}: subscription created again", name);
            return Instant.MIN;
        } catch (UaException e) {
            recreatePending = true;
            health.report(HealthState.DEGRADED, "cannot create the subscription again: " + StatusNames.describe(e)
                    + "; retrying");
            return now.plus(RETRY);
        }
    }

    private void poll(Session session, Emitter out) throws InterruptedException {
        try {
            session.poll(out);
        } catch (UaException | TimeoutException e) {
            if (connected) {
                String why = e instanceof UaException ua ? StatusNames.describe(ua) : "no answer within "
                        + config.requestTimeout().toSeconds() + "s";
                health.report(HealthState.DEGRADED, "polled read failed: " + why);
            }
        }
    }

    /** Waits, without blocking, for the result of the client's next reconnection attempt, to report its failure. */
    private CompletableFuture<?> probeReason(Session session) {
        return session.client.getSessionAsync().whenComplete((ok, failure) -> {
            if (failure != null && !connected && !closed.get()) {
                health.report(HealthState.DEGRADED, "connection to " + config.endpoint() + " lost; reconnecting: "
                        + connector.failures().describe(failure));
            }
            wakeups.offer(Boolean.TRUE);
        });
    }

    private void recreateNeeded() {
        recreatePending = true;
        wakeups.offer(Boolean.TRUE);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void closeSession(Session session) {
        synchronized (this) {
            if (current != session) {
                return;
            }
            current = null;
        }
        session.close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeups.offer(Boolean.TRUE);
        Session session = current;
        if (session != null) {
            closeSession(session);
        }
        MiloThreads.release();
    }

    private final class HealthListener implements SessionActivityListener {

        @Override
        public void onSessionActive(UaSession session) {
            connector.failures().clearRefusal();
            if (!connected) {
                connected = true;
                log.info("source {}: reconnected to {}", name, config.endpoint());
                health.up();
            }
            wakeups.offer(Boolean.TRUE);
        }

        @Override
        public void onSessionInactive(UaSession session) {
            if (closed.get()) {
                return;
            }
            connected = false;
            log.warn("source {}: connection to {} lost; reconnecting", name, config.endpoint());
            health.report(HealthState.DEGRADED, "connection to " + config.endpoint() + " lost; reconnecting");
            wakeups.offer(Boolean.TRUE);
        }
    }
}
