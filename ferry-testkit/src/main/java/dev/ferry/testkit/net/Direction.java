package dev.ferry.testkit.net;

/** Which way data flows through a proxy. */
public enum Direction {
    /** From the client that connected to the proxy, to the target behind it. */
    TO_TARGET,
    /** From the target back to the client. */
    TO_CLIENT
}
