package dev.ferry.api;

/** Where a component stands, worst last. */
public enum HealthState {
    STARTING,
    UP,
    /** Working, but not as configured: retrying, slow, a device absent. */
    DEGRADED,
    /** Set aside after repeated malformed data; probed at a slow rate until it behaves. */
    QUARANTINED,
    DOWN,
    STOPPED
}
