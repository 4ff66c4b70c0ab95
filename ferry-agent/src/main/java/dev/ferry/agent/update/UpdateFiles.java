package dev.ferry.agent.update;

import dev.ferry.agent.UpdateHost;
import dev.ferry.management.UpdateStatus;
import dev.ferry.runtime.config.UpdateSettings;
import dev.ferry.update.BundleVerifier;
import dev.ferry.update.Installations;
import dev.ferry.update.SigningKeys;
import dev.ferry.update.UpdateState;
import dev.ferry.update.UpdateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an update keeps its things: its state and staging folder in {@code data_dir/update}, the installed versions
 * in {@code update.versions_dir}; every state saved is also shown to the endpoint.
 */
final class UpdateFiles {

    private final UpdateHost host;
    private final Path dir;
    private final UpdateStore store;
    private final Installations installations;
    private volatile long received;
    private volatile long total = -1;
    private volatile UpdateState shown;

    private UpdateFiles(UpdateHost host, Path dir, Installations installations) {
        this.host = host;
        this.dir = dir;
        this.store = new UpdateStore(dir);
        this.installations = installations;
        this.shown = UpdateState.idle(Instant.now());
    }

    static UpdateFiles of(UpdateHost host) {
        UpdateSettings settings = host.settings();
        Path dataDir = host.config().dataDir();
        Path versions = settings.versionsDir() == null ? dataDir.resolve("versions")
                : host.config().resolve(settings.versionsDir());
        return new UpdateFiles(host, dataDir.resolve("update"), new Installations(versions));
    }

    UpdateState load() throws IOException {
        return store.load(Instant.now());
    }

    /** Saves {@code state} (atomically, synced) and shows it; returns it. */
    UpdateState save(UpdateState state) throws IOException {
        store.save(state);
        show(state);
        return state;
    }

    void show(UpdateState state) {
        shown = state;
        host.report(new UpdateStatus(state.phase().label(), state.target(), state.previous(), state.since(),
                state.reason(), received, total, new ArrayList<>(state.rolledBack())));
    }

    /** A download's progress, shown with the state. */
    void progress(long receivedBytes, long totalBytes) {
        received = receivedBytes;
        total = totalBytes;
        show(shown);
    }

    Path staging() {
        return dir.resolve("staging");
    }

    Path downloads() {
        return dir.resolve("download");
    }

    Installations installations() {
        return installations;
    }

    /**
     * Written at the switch, removed once the new version is committed or rolled back: the link {@code current} is
     * to go back to what it holds (a version, or nothing for the packaged one). The launcher reads it too: an agent
     * started by it while the file is there means the new version ended during its probation.
     */
    Path probationMark() {
        return installations.root().resolve(".probation");
    }

    BundleVerifier.Trust trust(UpdateSettings settings) throws IOException {
        List<SigningKeys.TrustedKey> keys = new ArrayList<>();
        for (String key : settings.trustedKeys()) {
            keys.add(SigningKeys.readPublic(host.config().resolve(key)));
        }
        return new BundleVerifier.Trust(keys, settings.threshold());
    }
}
