package dev.ferry.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions side by side and the link to the one in charge, switched atomically and pruned. */
class InstallationsTest {

    @TempDir
    Path work;

    private Path staged(String version) throws Exception {
        Path dir = Files.createDirectories(work.resolve("staging-" + version + "/ferry-" + version + "/bin"));
        Files.writeString(dir.resolve("ferry"), "#!/bin/sh\necho " + version + "\n");
        return work.resolve("staging-" + version);
    }

    @Test
    void versionsAreInstalledSideBySideAndTheLinkSwitchesBetweenThem() throws Exception {
        Installations versions = new Installations(work.resolve("versions"));
        assertThat(versions.current()).as("nothing installed by updates yet").isNull();

        versions.install(staged("1.4.0"), "1.4.0");
        versions.install(staged("1.10.0"), "1.10.0");
        versions.switchTo("1.4.0");
        assertThat(versions.current()).isEqualTo("1.4.0");
        versions.switchTo("1.10.0");

        assertThat(versions.current()).isEqualTo("1.10.0");
        assertThat(versions.root().resolve("current/ferry-1.10.0/bin/ferry")).hasContent("#!/bin/sh\necho 1.10.0\n");
        assertThat(Files.readSymbolicLink(versions.root().resolve("current"))).as("relative, so the folder can move")
                .isEqualTo(Path.of("1.10.0"));
        assertThat(versions.installed()).containsExactly("1.4.0", "1.10.0");
        assertThat(work.resolve("staging-1.4.0")).doesNotExist();
        try (var entries = Files.list(versions.root())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.4.0", "1.10.0", "current");
        }
    }

    @Test
    void aVersionIsNeitherInstalledTwiceNorSwitchedToUnlessInstalled() throws Exception {
        Installations versions = new Installations(work.resolve("versions"));
        versions.install(staged("1.4.0"), "1.4.0");

        assertThatThrownBy(() -> versions.install(staged("1.4.0-again"), "1.4.0")).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> versions.switchTo("2.0.0")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("version 2.0.0 is not installed");
        assertThatThrownBy(() -> versions.folderOf("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pruningKeepsTheVersionInChargeAndThoseAskedFor() throws Exception {
        Installations versions = new Installations(work.resolve("versions"));
        for (String version : List.of("1.2.0", "1.3.0", "1.4.0", "1.5.0")) {
            versions.install(staged(version), version);
        }
        versions.switchTo("1.5.0");

        assertThat(versions.prune(List.of("1.4.0"))).containsExactly("1.2.0", "1.3.0");
        assertThat(versions.installed()).containsExactly("1.4.0", "1.5.0");
    }
}
