package dev.ferry.agent.update;

import dev.ferry.agent.UpdateHost;
import dev.ferry.agent.UpdateJob;
import dev.ferry.api.Nullable;
import dev.ferry.runtime.config.UpdateSettings;
import dev.ferry.update.BundleRefused;
import dev.ferry.update.BundleVerifier;
import dev.ferry.update.Installations;
import dev.ferry.update.Staging;
import dev.ferry.update.UpdatePhase;
import dev.ferry.update.UpdateState;
import dev.ferry.update.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One update, from the bundle to the new version committed or the old one back: IDLE → DOWNLOADING → VERIFYING →
 * STAGED → SWITCHING → PROBATION → COMMITTED, or FAILED (nothing changed) / ROLLED_BACK, each step saved before it is
 * taken (see {@link UpdateState}). The switch is the hand-over of the data directory to a new process started from
 * the new version's folder; the old process then watches it until it is committed, and takes the data directory back
 * should it end before.
 */
public final class UpdateWork implements UpdateJob {

    private static final Logger log = LoggerFactory.getLogger(UpdateWork.class);
    /** What the old process allows the new one beyond its probation to roll itself back, before it steps in. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration WATCH_TICK = Duration.ofMillis(200);

    public UpdateWork() {}

    @Override
    public void install(String bundle, boolean retryRolledBack, UpdateHost host) {
        install(bundle, retryRolledBack, host, true);
    }

    @Override
    public void stage(String bundle, boolean retryRolledBack, UpdateHost host) {
        install(bundle, retryRolledBack, host, false);
    }

    private void install(String bundle, boolean retryRolledBack, UpdateHost host, boolean andSwitch) {
        UpdateFiles files = UpdateFiles.of(host);
        UpdateState state;
        try {
            state = files.load();
            if (!state.phase().isSettled() && state.phase() != UpdatePhase.STAGED) {
                log.warn("update: {} is refused: an update to {} is {}", bundle, state.target(), state.phase().label());
                return;
            }
            state = files.save(state.start(BundleSource.describe(bundle), host.runningVersion(),
                    host.runningHome().toString(), Instant.now()));
        } catch (IOException e) {
            log.error("update: cannot keep the update's state: {}", e.getMessage());
            return;
        }
        log.info("update: installing {}", BundleSource.describe(bundle));
        Switch versions = new Switch(host, files);
        try {
            state = stage(bundle, retryRolledBack, host, files, state);
            if (andSwitch) {
                state = versions.toNewVersion(state);
            } else {
                log.info("update: version {} is staged; SIGUSR2 switches to it", state.target());
            }
        } catch (BundleRefused e) {
            // a download that does not verify is not resumed: asked again, it starts over
            deleteQuietly(files.downloads());
            failed(files, state, "bundle refused (" + e.reason().code() + "): " + e.getMessage());
            return;
        } catch (IOException e) {
            failed(files, state, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(files, state, "the agent stopped during the update");
            return;
        }
        if (state.phase() == UpdatePhase.PROBATION) {
            versions.watchSuccessor(state);
        }
    }

    /** Downloads, verifies and installs the bundle beside the running version: {@code staged}. */
    private UpdateState stage(String bundle, boolean retryRolledBack, UpdateHost host, UpdateFiles files,
            UpdateState downloading) throws IOException, BundleRefused, InterruptedException {
        UpdateSettings settings = host.settings();
        Path file = BundleSource.fetch(bundle, host, files);
        UpdateState state = files.save(downloading.advance(UpdatePhase.VERIFYING, Instant.now()));
        BundleVerifier.Verified verified = BundleVerifier.verify(file, files.trust(settings),
                new BundleVerifier.Expectations(runningVersion(host), architecture(), settings.allowDowngrade(),
                        Instant.now(), settings.maxSize().bytes()));
        String target = verified.manifest().version();
        state = files.save(state.targeting(target));
        if (state.wasRolledBack(target) && !retryRolledBack) {
            throw new IOException("version " + target + " was rolled back before and is not tried again unless asked"
                    + " for (retry_rolled_back=true, or ferry update --retry-rolled-back)");
        }
        Path staging = files.staging();
        Staging.delete(staging);
        Staging.unpack(file, verified, staging);
        Installations installations = files.installations();
        Path folder = installations.folderOf(target);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (target.equals(installations.current())) {
                installations.clearCurrent();
            }
            Staging.delete(folder);   // an earlier try of the same version: this bundle's files replace it
        }
        installations.install(staging, target);
        if (BundleSource.isUrl(bundle)) {
            deleteQuietly(files.downloads());   // installed: the bundle is not needed any more
        }
        state = files.save(state.advance(UpdatePhase.STAGED, Instant.now()));
        log.info("update: version {} verified (signed by {}) and installed in {}", target,
                verified.signedBy().stream().map(key -> key.id()).toList(), folder);
        return state;
    }

    @Override
    public void switchToStaged(UpdateHost host) {
        UpdateFiles files = UpdateFiles.of(host);
        Switch versions = new Switch(host, files);
        UpdateState state;
        try {
            state = files.load();
            if (state.phase() != UpdatePhase.STAGED) {
                log.warn("SIGUSR2: no version is staged (the update is {})", state.phase().label());
                return;
            }
            log.info("SIGUSR2: switching to the staged version {}", state.target());
            state = versions.toNewVersion(state);
        } catch (IOException e) {
            log.error("SIGUSR2: cannot switch to the staged version: {}", e.getMessage());
            return;
        }
        if (state.phase() == UpdatePhase.PROBATION) {
            versions.watchSuccessor(state);
        }
    }

    @Override
    public void resume(UpdateHost host) {
        UpdateFiles files = UpdateFiles.of(host);
        try {
            UpdateState state = files.load();
            String running = host.runningVersion();
            switch (state.phase()) {
                case IDLE, STAGED, COMMITTED, ROLLED_BACK, FAILED -> files.show(state);
                case DOWNLOADING, VERIFYING -> failed(files, state, "the agent restarted while the update was "
                        + state.phase().label() + "; ask again (a download resumes where it stopped)");
                case SWITCHING, PROBATION -> {
                    UpdateState settled = state.afterRestart(running, Instant.now());
                    if (settled.phase() == UpdatePhase.ROLLED_BACK) {
                        new Switch(host, files).settleRollBack(settled);
                    } else {
                        new Switch(host, files).probation(files.save(settled));
                    }
                }
            }
        } catch (IOException e) {
            log.error("update: cannot read the update's state: {}", e.getMessage());
        }
    }

    @Override
    public void report(UpdateHost host) {
        UpdateFiles files = UpdateFiles.of(host);
        try {
            files.show(files.load());
        } catch (IOException e) {
            log.error("update: cannot read the update's state: {}", e.getMessage());
        }
    }

    private static void failed(UpdateFiles files, UpdateState state, @Nullable String why) {
        String reason = why == null ? "failed" : why;
        log.warn("update to {} failed, nothing changed: {}", state.target(), reason);
        try {
            Staging.delete(files.staging());
            files.save(state.fail(reason, Instant.now()));
        } catch (IOException e) {
            log.error("update: cannot keep the update's state: {}", e.getMessage());
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Staging.delete(folder);
        } catch (IOException e) {
            log.warn("update: cannot delete {}: {}", folder, e.getMessage());
        }
    }

    private static @Nullable Version runningVersion(UpdateHost host) {
        try {
            return Version.parse(host.runningVersion());
        } catch (IllegalArgumentException e) {
            return null;   // a development build: any version may replace it
        }
    }

    /** This gateway's architecture as bundles name it. */
    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** Sleeps a tick of the watches; false when interrupted. */
    static boolean tick() {
        try {
            TimeUnit.MILLISECONDS.sleep(WATCH_TICK.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Duration grace() {
        return GRACE;
    }
}
