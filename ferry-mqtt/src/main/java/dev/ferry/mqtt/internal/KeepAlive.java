package dev.ferry.mqtt.internal;

import java.time.Duration;

/**
 * The keep-alive watchdog of one connection. It sends PINGREQ when nothing was sent for a keep-alive period (so the
 * broker keeps us) or nothing was received for one (so a silent broker must answer), and declares the connection dead
 * when nothing at all was received for 1.5 periods. It also declares it dead when publishes wait for their
 * acknowledgement and none came for 1.5 periods while the broker still answers pings: packets lost on the way (a
 * middlebox that dropped part of the stream) leave a connection that looks alive and never delivers again, and
 * MQTT only sends a publish again on a new connection. It runs on its own thread because the writer may be stuck in
 * a socket write to a black-holed peer, and only closing the socket frees it.
 *
 * <p>Elapsed time comes from {@link System#nanoTime()}, not a wall clock: a gateway that sets its clock after boot
 * must not see its connection time out.
 */
final class KeepAlive implements Runnable {

    private static final long MIN_SLEEP_NANOS = 1_000_000;

    private final ClientConnection connection;
    private final long period;
    private final long deadAfter;
    private long lastPing;

    KeepAlive(ClientConnection connection, Duration keepAlive) {
        this.connection = connection;
        this.period = keepAlive.toNanos();
        this.deadAfter = period + period / 2;
    }

    @Override
    public void run() {
        if (period == 0) {
            return;
        }
        lastPing = connection.lastSentNanos;
        try {
            while (connection.isOpen()) {
                long now = System.nanoTime();
                long received = connection.lastReceivedNanos;
                long quiet = Math.max(connection.lastSentNanos, lastPing);
                boolean pingedSinceReceive = lastPing - received > 0;
                if (now - received >= deadAfter) {
                    connection.end(Endings.keepAliveTimeout(Duration.ofNanos(now - received), Duration.ofNanos(period)), null);
                    return;
                }
                long stalled = connection.outbox.inFlight.stalledSinceNanos();
                if (stalled != -1 && now - stalled >= deadAfter) {
                    connection.end(Endings.acknowledgementTimeout(Duration.ofNanos(now - stalled), Duration.ofNanos(period)), null);
                    return;
                }
                if (now - quiet >= period || (now - received >= period && !pingedSinceReceive)) {
                    lastPing = now;
                    pingedSinceReceive = true;
                    quiet = now;
                    connection.enqueue(new Outbound.Control(Packet.PINGREQ));
                }
                long next = Math.min(quiet + period, received + deadAfter);
                if (stalled != -1) {
                    next = Math.min(next, stalled + deadAfter);
                }
                if (!pingedSinceReceive) {
                    next = Math.min(next, received + period);
                }
                Thread.sleep(Duration.ofNanos(Math.max(next - System.nanoTime(), MIN_SLEEP_NANOS)));
            }
        } catch (InterruptedException stopped) {
            // the connection ended and woke us; nothing left to watch
        } catch (RuntimeException e) {
            connection.end(Endings.internal(e), null);
        }
    }
}
