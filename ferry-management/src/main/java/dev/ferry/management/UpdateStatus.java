package dev.ferry.management;

import dev.ferry.api.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Where the agent's self-update is, as {@code /status} and {@code /metrics} show it.
 *
 * @param phase {@code idle}, {@code downloading}, {@code verifying}, {@code staged}, {@code switching},
 *     {@code probation}, {@code committed}, {@code rolled_back} or {@code failed}
 * @param target the version being installed, or the last one tried; null when none ever was
 * @param previous the version it replaces or replaced
 * @param since when the update entered this phase
 * @param reason why it failed or was rolled back
 * @param received bytes of the bundle downloaded so far; 0 when it came as a file
 * @param total the bundle's size once known, else -1
 * @param rolledBack versions rolled back before: not tried again unless asked for
 */
public record UpdateStatus(String phase, @Nullable String target, @Nullable String previous, Instant since,
        @Nullable String reason, long received, long total, List<String> rolledBack) {

    public static final List<String> PHASES = List.of("idle", "downloading", "verifying", "staged", "switching",
            "probation", "committed", "rolled_back", "failed");

    public UpdateStatus {
        rolledBack = List.copyOf(rolledBack);
    }

    public static UpdateStatus idle(Instant since) {
        return new UpdateStatus("idle", null, null, since, null, 0, -1, List.of());
    }
}
