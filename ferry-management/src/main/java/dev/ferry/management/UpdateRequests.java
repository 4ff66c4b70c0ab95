package dev.ferry.management;

import dev.ferry.api.Nullable;

/**
 * Installs a new version of the agent when asked through the endpoint ({@code POST /update?bundle=...}, and so
 * {@code ferry update}), and tells where an update is.
 */
public interface UpdateRequests {

    /** What came of a request: 202 when the update started, else why not (400, 409). */
    record Answer(int status, String message) {}

    /**
     * Starts installing the bundle at {@code bundle} and returns at once; the update goes on in the background.
     *
     * @param bundle an {@code https://} URL, or the path of a bundle file on this gateway
     * @param retryRolledBack try a version that was rolled back before
     * @param stageOnly stop once the version is installed beside the running one; SIGUSR2 switches to it
     */
    Answer update(String bundle, boolean retryRolledBack, boolean stageOnly);

    /** Where the update is now; null when the running config has no {@code update:} section. */
    @Nullable UpdateStatus status();
}
