package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.util.ClockUtil;
import org.eclipse.californium.elements.util.LeastRecentlyUpdatedCache.Timestamped;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.InMemoryReadWriteLockConnectionStore;
import org.slf4j.event.Level;

/**
 * Scandium's connection store with the two rules the ingress needs, which Scandium 3.14 does not have:
 *
 * <ul>
 *   <li><b>A session its device closed frees its slot at once.</b> On close_notify Scandium only marks the
 *       connection closed and keeps it, for a resumption that a device starting afresh never asks for, until it has
 *       been quiet for the stale threshold (30 minutes). Devices that close after every request would fill the store
 *       within minutes and lock every new device out.</li>
 *   <li><b>A full store makes room.</b> Scandium evicts only a connection quiet for the stale threshold, and otherwise
 *       answers the new ClientHello with one HelloVerifyRequest after another, logging nothing. Here the least
 *       recently used established session that is not in a handshake gives way to the newcomer. Only when every slot
 *       holds a handshake in progress is a newcomer refused; that is counted and logged.</li>
 * </ul>
 *
 * Both are counted in {@link Counters}. Scandium calls {@link #put} under the store's write lock, and
 * {@link #closedByDevice} on the connection's own serial executor.
 */
final class SessionSlots extends InMemoryReadWriteLockConnectionStore {

    /** Scandium's own rule, kept as the first choice: a connection this quiet is evicted without looking further. */
    private static final long STALE_SECONDS = TimeUnit.MINUTES.toSeconds(30);

    private static final int REMEMBERED_REFUSALS = 64;

    private final String source;
    private final Counters counters;
    private final QuietLog log;
    /** Devices refused a slot lately, guarded by the write lock. */
    private final Map<@Nullable InetSocketAddress, Boolean> recentlyRefused = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<@Nullable InetSocketAddress, Boolean> eldest) {
            return size() > REMEMBERED_REFUSALS;
        }
    };

    SessionSlots(int capacity, String source, Counters counters, QuietLog log) {
        // No second-level session store: a removed session is resumed by a full handshake.
        super(capacity, STALE_SECONDS, null, false);
        this.source = source;
        this.counters = counters;
        this.log = log;
        setTag(source);
    }

    @Override
    public boolean put(Connection connection) {
        InetSocketAddress peer = connection.getPeerAddress();
        writeLock().lock(); // re-entrant: Scandium holds it already when a ClientHello asks for a slot
        try {
            if (super.put(connection) || evictLeastRecentlyUsed(peer) && super.put(connection)) {
                recentlyRefused.remove(peer);
                return true;
            }
            // Scandium answers a refused ClientHello with a HelloVerifyRequest, and the device at once sends it
            // again: one refusal per device, not one per round trip.
            if (recentlyRefused.put(peer, Boolean.TRUE) == null) {
                counters.countSessionRefused();
            }
        } finally {
            writeLock().unlock();
        }
        log.log(Level.WARN, "sessions-full", "source " + source + ": all " + connections.getCapacity() + " DTLS"
                + " sessions are handshakes in progress; a new handshake from " + connection.getPeerAddress()
                + " was refused; raise max_sessions if this goes on");
        return false;
    }

    /** Removes the least recently used established session that is not in a handshake; false when there is none. */
    private boolean evictLeastRecentlyUsed(@Nullable InetSocketAddress newcomer) {
        Iterator<Timestamped<Connection>> oldestFirst = connections.timestampedIterator();
        while (oldestFirst.hasNext()) {
            Timestamped<Connection> entry = oldestFirst.next();
            Connection connection = entry.getValue();
            if (connection.hasEstablishedDtlsContext() && !connection.hasOngoingHandshake()) {
                Duration idle = Duration.ofNanos(ClockUtil.nanoRealtime() - entry.getLastUpdate());
                InetSocketAddress evicted = connection.getPeerAddress();
                if (remove(connection, false)) {
                    counters.countSessionEvicted();
                    log.log(Level.INFO, "session-evicted", "source " + source + ": all " + connections.getCapacity()
                            + " DTLS sessions taken; the least recently used (" + evicted + ", quiet for "
                            + idle.toSeconds() + " s) made room for " + newcomer + "; its device will need a new"
                            + " handshake");
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Frees the slot of the session at {@code peer} if its device closed it (close_notify). Called for every alert
     * a device sends; other alerts leave the session to Scandium.
     */
    void closedByDevice(InetSocketAddress peer) {
        Connection connection = get(peer);
        if (connection != null && connection.isClosed() && remove(connection, false)) {
            counters.countSessionClosed();
        }
    }
}
