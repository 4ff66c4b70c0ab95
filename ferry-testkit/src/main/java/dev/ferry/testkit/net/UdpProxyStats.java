package dev.ferry.testkit.net;

/**
 * What a {@link UdpFaultProxy} has done so far.
 *
 * @param sessions clients seen (distinct source addresses)
 * @param toTarget datagrams from clients to the target
 * @param toClient datagrams from the target back to clients
 */
public record UdpProxyStats(int sessions, DatagramCounts toTarget, DatagramCounts toClient) {

    public DatagramCounts of(Direction direction) {
        return direction == Direction.TO_TARGET ? toTarget : toClient;
    }
}
