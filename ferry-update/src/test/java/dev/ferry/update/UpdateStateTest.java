package dev.ferry.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update's state machine and its file: every step saved survives as saved, a restart at any step comes back to a
 * consistent one, and a damaged or half-written file is reported rather than taken for a state.
 */
class UpdateStateTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theWholePathIsSavedStepByStepAndReadBackAsSaved() throws Exception {
        UpdateStore store = new UpdateStore(dir);
        List<UpdateState> steps = new ArrayList<>();
        UpdateState state = UpdateState.idle(T0);
        steps.add(state);
        steps.add(state = state.start("1.1.0", "1.0.0", "/opt/ferry", T0.plusSeconds(1)));
        for (UpdatePhase next : List.of(UpdatePhase.VERIFYING, UpdatePhase.STAGED, UpdatePhase.SWITCHING,
                UpdatePhase.PROBATION, UpdatePhase.COMMITTED)) {
            steps.add(state = state.advance(next, state.since().plusSeconds(1)));
        }
        for (UpdateState step : steps) {
            store.save(step);
            assertThat(store.load(T0)).isEqualTo(step);
        }
        assertThat(state.phase()).isEqualTo(UpdatePhase.COMMITTED);
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(dir.resolve(UpdateStore.FILE_NAME));
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        UpdateState downloading = UpdateState.idle(T0).start("1.1.0", "1.0.0", "/opt/ferry", T0);

        assertThatThrownBy(() -> downloading.advance(UpdatePhase.SWITCHING, T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from downloading to switching");
        assertThatThrownBy(() -> downloading.start("1.2.0", "1.0.0", "/opt/ferry", T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("an update to 1.1.0 is downloading");
        assertThatThrownBy(() -> downloading.rollBack("why", T0)).isInstanceOf(IllegalStateException.class);
        assertThat(downloading.fail("404 from the server", T0).reason()).isEqualTo("404 from the server");
    }

    @Test
    void aRestartAtEachStepComesBackConsistent() {
        UpdateState downloading = UpdateState.idle(T0).start("1.1.0", "1.0.0", "/opt/ferry", T0);
        UpdateState verifying = downloading.advance(UpdatePhase.VERIFYING, T0);
        UpdateState staged = verifying.advance(UpdatePhase.STAGED, T0);
        UpdateState switching = staged.advance(UpdatePhase.SWITCHING, T0);
        UpdateState probation = switching.advance(UpdatePhase.PROBATION, T0);
        Instant later = T0.plus(Duration.ofMinutes(5));

        assertThat(downloading.afterRestart("1.0.0", later)).as("the download resumes").isEqualTo(downloading);
        assertThat(verifying.afterRestart("1.0.0", later).phase()).as("verified again").isEqualTo(UpdatePhase.VERIFYING);
        assertThat(staged.afterRestart("1.0.0", later)).isEqualTo(staged);

        UpdateState cutSwitch = switching.afterRestart("1.0.0", later);
        assertThat(cutSwitch.phase()).isEqualTo(UpdatePhase.ROLLED_BACK);
        assertThat(cutSwitch.reason()).isEqualTo("the agent restarted on 1.0.0 while switching to 1.1.0");
        assertThat(cutSwitch.wasRolledBack("1.1.0")).as("not tried again unless asked for").isTrue();

        UpdateState newOneRuns = switching.afterRestart("1.1.0", later);
        assertThat(newOneRuns.phase()).isEqualTo(UpdatePhase.PROBATION);
        assertThat(newOneRuns.since()).isEqualTo(later);
        assertThat(probation.afterRestart("1.1.0", later).since()).as("probation keeps its start").isEqualTo(T0);
        assertThat(probation.afterRestart("1.0.0", later).phase()).as("the new one crashed, the old one runs")
                .isEqualTo(UpdatePhase.ROLLED_BACK);

        for (UpdateState settled : List.of(UpdateState.idle(T0), probation.advance(UpdatePhase.COMMITTED, T0),
                probation.rollBack("not ready within 2m", T0), downloading.fail("refused", T0))) {
            assertThat(settled.afterRestart("1.0.0", later)).isEqualTo(settled);
        }
    }

    @Test
    void aDamagedFileIsReportedAndAMissingOneIsIdle() throws Exception {
        UpdateStore store = new UpdateStore(dir);
        assertThat(store.load(T0)).isEqualTo(UpdateState.idle(T0));

        store.save(UpdateState.idle(T0).start("1.1.0", "1.0.0", "/opt/ferry", T0));
        byte[] saved = Files.readAllBytes(dir.resolve(UpdateStore.FILE_NAME));
        Files.write(dir.resolve(UpdateStore.FILE_NAME), java.util.Arrays.copyOf(saved, saved.length / 2));

        assertThatThrownBy(() -> store.load(T0)).hasMessageContaining("state.json is damaged");
    }
}
