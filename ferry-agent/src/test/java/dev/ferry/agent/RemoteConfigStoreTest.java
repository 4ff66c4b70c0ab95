package dev.ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.agent.RemoteConfigState.ConfigText;
import dev.ferry.runtime.config.ConfigFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent keeps about the platform's configs: written whole or not at all, read back as written, the
 * remembered documents bounded, and each step of a config's life (applied on probation, confirmed, rolled back,
 * replaced by the file) keeping the highest version, so a stale document stays stale.
 */
class RemoteConfigStoreTest {

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
    private static final ConfigText FILE = new ConfigText(0, ConfigFormat.YAML, "agent: {id: gw}\n", AT);
    private static final ConfigText SEVEN = new ConfigText(7, ConfigFormat.TOML, "[agent]\nid = \"gw\"\n", AT.plusSeconds(60));

    @TempDir
    Path dataDir;

    @Test
    void nothingWrittenYetReadsAsNone() throws IOException {
        assertThat(new RemoteConfigStore(dataDir).load()).isEqualTo(RemoteConfigState.NONE);
    }

    @Test
    void aStateIsReadBackAsItWasWrittenAndLeavesNoTemporaryFile() throws IOException {
        RemoteConfigStore store = new RemoteConfigStore(dataDir);
        RemoteConfigState state = RemoteConfigState.NONE.handled("aa").handled("bb").applied(SEVEN, FILE);

        store.save(state);

        assertThat(store.load()).isEqualTo(state);
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(RemoteConfigStore.FILE_NAME);
        }
    }

    @Test
    void aDamagedFileIsRefusedNamingIt() throws IOException {
        RemoteConfigStore store = new RemoteConfigStore(dataDir);
        Files.writeString(store.file(), "{\"highest_version\": \"seven\"");

        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessageContaining(store.file().toString()).hasMessageContaining("not a state this agent wrote");
    }

    @Test
    void onlyTheNewestHandledDocumentsAreRemembered() {
        RemoteConfigState state = RemoteConfigState.NONE;
        for (int i = 0; i < RemoteConfigState.HANDLED_KEPT + 10; i++) {
            state = state.handled("doc-" + i);
        }
        state = state.handled("doc-20");   // handled again: it moves to the end

        assertThat(state.handled()).hasSize(RemoteConfigState.HANDLED_KEPT).doesNotContain("doc-9")
                .endsWith("doc-20");
    }

    @Test
    void theHighestVersionSurvivesConfirmationRollbackAndTheFileTakingOver() {
        RemoteConfigState applied = RemoteConfigState.NONE.applied(SEVEN, FILE);
        assertThat(applied.onProbation()).isTrue();
        assertThat(applied.confirmed().onProbation()).isFalse();
        assertThat(applied.confirmed().current()).isEqualTo(SEVEN);

        RemoteConfigState rolledBack = applied.rolledBackTo(FILE);
        assertThat(rolledBack.current()).as("back on the file").isNull();
        assertThat(rolledBack.highestVersion()).isEqualTo(7);

        RemoteConfigState fileInCharge = applied.confirmed().fileInCharge();
        assertThat(fileInCharge.current()).isNull();
        assertThat(fileInCharge.highestVersion()).isEqualTo(7);
    }
}
