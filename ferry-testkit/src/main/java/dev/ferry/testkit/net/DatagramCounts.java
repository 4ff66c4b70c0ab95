package dev.ferry.testkit.net;

/**
 * What one direction of a {@link UdpFaultProxy} did with its datagrams, over all sessions.
 *
 * @param received datagrams that arrived at the proxy
 * @param sent datagrams the proxy sent on, duplicates included
 * @param lost datagrams dropped by the loss fault
 * @param duplicated datagrams sent twice
 * @param reordered datagrams held back and sent after a later one (or after the hold ran out)
 */
public record DatagramCounts(long received, long sent, long lost, long duplicated, long reordered) {}
