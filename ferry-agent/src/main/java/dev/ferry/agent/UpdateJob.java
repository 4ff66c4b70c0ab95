package dev.ferry.agent;

/**
 * The self-update's work, loaded apart with the bundle code (see {@code dev.ferry.runtime.startup.StartupCode}) for as
 * long as it runs: the agent keeps none of it between updates.
 */
public interface UpdateJob {

    /**
     * Installs the bundle at {@code bundle} (an {@code https://} URL or a file) and switches to it; returns once the
     * update ended without a switch, or once the new version is committed or rolled back.
     */
    void install(String bundle, boolean retryRolledBack, UpdateHost host);

    /** As {@link #install}, stopping once the version is installed and waits for a switch ({@code staged}). */
    void stage(String bundle, boolean retryRolledBack, UpdateHost host);

    /** Switches to the version staged (SIGUSR2), as {@link #install} would have. */
    void switchToStaged(UpdateHost host);

    /**
     * At start: settles what an earlier process left (a switch or probation cut short is rolled back) and, when this
     * version is the one on probation, watches it until it is committed or rolled back.
     */
    void resume(UpdateHost host);

    /** The state on disk, for {@code /status}; no change. */
    void report(UpdateHost host);
}
