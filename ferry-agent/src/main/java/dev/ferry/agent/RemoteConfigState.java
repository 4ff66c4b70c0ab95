package dev.ferry.agent;

import dev.ferry.api.Nullable;
import dev.ferry.runtime.config.ConfigFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent keeps under {@code data_dir} about configs the platform sent, so that a restart resumes from them.
 *
 * @param highestVersion the highest version ever applied; a document at or below it is stale, even after a rollback
 * @param current the remote config in force; null while the file is in charge
 * @param fallback what ran before {@code current}, to go back to should the control connection not come back within
 *     the probation time; null once {@code current} is confirmed
 * @param handled SHA-256 of the documents handled, oldest first, so that a replayed one is recognised
 */
record RemoteConfigState(long highestVersion, @Nullable ConfigText current, @Nullable ConfigText fallback,
        List<String> handled) {

    /** How many handled documents are remembered: enough for any replay of a recent one. */
    static final int HANDLED_KEPT = 64;

    static final RemoteConfigState NONE = new RemoteConfigState(0, null, null, List.of());

    RemoteConfigState {
        handled = List.copyOf(handled);
    }

    /**
     * A config's text as it was applied.
     *
     * @param remoteVersion the platform's version; 0 for the config file's own text
     * @param at when it was applied
     */
    record ConfigText(long remoteVersion, ConfigFormat format, String text, Instant at) {

        boolean fromFile() {
            return remoteVersion == 0;
        }
    }

    boolean onProbation() {
        return fallback != null;
    }

    /** {@code document} handled, remembered among the last {@link #HANDLED_KEPT}. */
    RemoteConfigState handled(String documentSha256) {
        List<String> next = new ArrayList<>(handled);
        next.remove(documentSha256);
        next.add(documentSha256);
        while (next.size() > HANDLED_KEPT) {
            next.removeFirst();
        }
        return new RemoteConfigState(highestVersion, current, fallback, next);
    }

    /** {@code applied} now runs, on probation, with {@code before} to go back to. */
    RemoteConfigState applied(ConfigText applied, ConfigText before) {
        return new RemoteConfigState(Math.max(highestVersion, applied.remoteVersion()), applied, before, handled);
    }

    /** The control connection came back: no going back any more. */
    RemoteConfigState confirmed() {
        return new RemoteConfigState(highestVersion, current, null, handled);
    }

    /** Back on {@code before}, the versions tried staying stale. */
    RemoteConfigState rolledBackTo(ConfigText before) {
        return new RemoteConfigState(highestVersion, before.fromFile() ? null : before, null, handled);
    }

    /** The operator reloaded the file: it is in charge again, until the platform sends a newer version. */
    RemoteConfigState fileInCharge() {
        return new RemoteConfigState(highestVersion, null, null, handled);
    }
}
