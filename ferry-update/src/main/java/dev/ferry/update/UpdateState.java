package dev.ferry.update;

import dev.ferry.api.Nullable;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An update's state as kept on disk, so that a crash or a power cut at any point resumes or rolls back cleanly.
 *
 * @param target the version being installed; null when idle and nothing was ever tried
 * @param previous the version that ran when it started, to switch back to
 * @param previousHome the folder {@code previous} runs from (its {@code bin/ferry}); null when idle
 * @param reason why it failed or was rolled back; null otherwise
 * @param rolledBack versions that were rolled back: not tried again unless asked for
 */
public record UpdateState(UpdatePhase phase, @Nullable String target, @Nullable String previous,
        @Nullable String previousHome, Instant since,
        @Nullable String reason, Set<String> rolledBack) {

    public UpdateState {
        rolledBack = Set.copyOf(new TreeSet<>(rolledBack));
    }

    public static UpdateState idle(Instant now) {
        return new UpdateState(UpdatePhase.IDLE, null, null, null, now, null, Set.of());
    }

    /** The start of an update from {@code previous} to {@code target}. */
    public UpdateState start(String target, String previous, String previousHome, Instant now) {
        requireSettled("start an update to " + target);
        return new UpdateState(UpdatePhase.DOWNLOADING, target, previous, previousHome, now, null, rolledBack);
    }

    /** The next step of the update under way; FAILED and ROLLED_BACK take a reason ({@link #fail}, {@link #rollBack}). */
    public UpdateState advance(UpdatePhase next, Instant now) {
        UpdatePhase expected = switch (phase) {
            case DOWNLOADING -> UpdatePhase.VERIFYING;
            case VERIFYING -> UpdatePhase.STAGED;
            case STAGED -> UpdatePhase.SWITCHING;
            case SWITCHING -> UpdatePhase.PROBATION;
            case PROBATION -> UpdatePhase.COMMITTED;
            default -> null;
        };
        if (next != expected) {
            throw new IllegalStateException("an update cannot go from " + phase.label() + " to " + next.label());
        }
        return new UpdateState(next, target, previous, previousHome, now, null, rolledBack);
    }

    /** The version the bundle holds, known once it is verified; until then the target names where it comes from. */
    public UpdateState targeting(String version) {
        return new UpdateState(phase, version, previous, previousHome, since, reason, rolledBack);
    }

    /** Refused or not downloadable before anything changed. */
    public UpdateState fail(String why, Instant now) {
        if (phase.isSettled() || phase == UpdatePhase.SWITCHING || phase == UpdatePhase.PROBATION) {
            throw new IllegalStateException("an update " + phase.label() + " cannot fail; it is rolled back");
        }
        return new UpdateState(UpdatePhase.FAILED, target, previous, previousHome, now, why, rolledBack);
    }

    /** The previous version runs again; the target is not tried again unless asked for. */
    public UpdateState rollBack(String why, Instant now) {
        if (phase != UpdatePhase.SWITCHING && phase != UpdatePhase.PROBATION) {
            throw new IllegalStateException("only a switch or a probation is rolled back, not " + phase.label());
        }
        Set<String> versions = new TreeSet<>(rolledBack);
        versions.add(target);
        return new UpdateState(UpdatePhase.ROLLED_BACK, target, previous, previousHome, now, why, versions);
    }

    /**
     * What a restarted agent continues from, given the version it runs: a download resumes, a verification or staging
     * is done again from the start (both are idempotent), a switch or probation cut short by the old version running
     * again is rolled back, and one where the new version runs continues on probation.
     */
    public UpdateState afterRestart(String running, Instant now) {
        return switch (phase) {
            case IDLE, COMMITTED, ROLLED_BACK, FAILED, DOWNLOADING, STAGED -> this;
            case VERIFYING -> new UpdateState(UpdatePhase.VERIFYING, target, previous, previousHome, now, null, rolledBack);
            case SWITCHING, PROBATION -> running.equals(target)
                    ? new UpdateState(UpdatePhase.PROBATION, target, previous, previousHome, phase == UpdatePhase.PROBATION ? since : now,
                            null, rolledBack)
                    : rollBack(running.equals(previous)
                            ? "the agent restarted on " + running + " while " + phase.label() + " to " + target
                            : "the agent restarted on " + running + ", neither " + previous + " nor " + target, now);
        };
    }

    /** True when {@code version} was rolled back before, so an automatic update does not try it again. */
    public boolean wasRolledBack(String version) {
        return rolledBack.contains(version);
    }

    /** Nothing under way, or a version staged and waiting for a switch, which a new update replaces. */
    private void requireSettled(String what) {
        if (!phase.isSettled() && phase != UpdatePhase.STAGED) {
            throw new IllegalStateException("cannot " + what + ": an update to " + target + " is " + phase.label());
        }
    }
}
