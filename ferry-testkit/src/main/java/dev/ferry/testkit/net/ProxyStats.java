package dev.ferry.testkit.net;

/**
 * What a {@link FaultProxy} has done so far. A byte is counted just before the proxy writes it, so once a peer
 * has received data, the counts include it.
 *
 * @param connectionsAccepted connections the proxy accepted, whatever became of them
 * @param openConnections connections open now
 * @param bytesToTarget bytes forwarded from clients to the target
 * @param bytesToClient bytes forwarded from the target to clients
 * @param bytesDropped bytes read and discarded (dropping or black hole)
 * @param targetConnectFailures accepted connections closed because the target could not be reached
 */
public record ProxyStats(long connectionsAccepted, int openConnections, long bytesToTarget, long bytesToClient,
        long bytesDropped, long targetConnectFailures) {

    public long bytes(Direction direction) {
        return direction == Direction.TO_TARGET ? bytesToTarget : bytesToClient;
    }
}
