package dev.ferry.update;

/**
 * Where an update is. The path of one that goes well: IDLE → DOWNLOADING → VERIFYING → STAGED → SWITCHING →
 * PROBATION → COMMITTED; it can end in ROLLED_BACK (the new version did not become ready, crashed, or the switch was
 * cut) or FAILED (refused or not downloadable, nothing changed), each with a reason.
 */
public enum UpdatePhase {
    IDLE,
    DOWNLOADING,
    VERIFYING,
    STAGED,
    SWITCHING,
    PROBATION,
    COMMITTED,
    ROLLED_BACK,
    FAILED;

    /** True when nothing is under way: a new update may start. */
    public boolean isSettled() {
        return this == IDLE || this == COMMITTED || this == ROLLED_BACK || this == FAILED;
    }

    /** The name as metrics and the status show it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
