package dev.ferry.source.opcua;

/** How an item's value is obtained. */
public enum ItemMode {
    /** A monitored item in the source's subscription: the server reports changes. */
    SUBSCRIBE,
    /** Read every {@code poll_interval}, together with the other polled items in one Read request. */
    POLL
}
