/**
 * User-space network impairment for tests: {@link dev.ferry.testkit.net.FaultProxy} sits between a client and a
 * real TCP server on loopback, {@link dev.ferry.testkit.net.UdpFaultProxy} between a client and a UDP server, and
 * each injects faults switchable while traffic flows — latency, bandwidth caps, partial writes, stalls, resets,
 * black holes and refused or hanging connects for TCP; loss, delay, reordering and duplication for UDP. They stand
 * in for netem, which the machines Ferry is tested on do not have.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.testkit.net;
