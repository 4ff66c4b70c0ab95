package dev.ferry.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigTreeReader;
import dev.ferry.runtime.config.internal.ConfigTrees;
import dev.ferry.runtime.config.internal.Problems;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The YAML reader loaded apart, as an installed agent loads it: the reader and SnakeYAML come from a loader of their
 * own, the tree they return is made of the agent's classes, and once closed the loader and every class it defined are
 * collected.
 */
class StartupCodeTest {

    private static final String TEXT = "dev.ferry.runtime.config.text.";

    @Test
    void codeLoadedApartReadsIntoTheAgentsClassesAndIsUnloadedOnceClosed() throws Exception {
        URL snakeYaml = LoadSettings.class.getProtectionDomain().getCodeSource().getLocation();
        WeakReference<ClassLoader> apart = readOnce(snakeYaml);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            System.gc();
            return apart.get() == null;
        });
    }

    /** Reads a config apart and returns a weak reference to the loader, with no other reference left to it. */
    private static WeakReference<ClassLoader> readOnce(URL snakeYaml) throws Exception {
        try (StartupCode code = StartupCode.openApart(ConfigTrees.class, List.of(snakeYaml), TEXT, "org.snakeyaml.")) {
            ConfigTreeReader reader = code.instantiate(TEXT + "TextTreeReader", ConfigTreeReader.class);
            assertThat(reader.getClass().getClassLoader()).isSameAs(code.loader()).isNotSameAs(ConfigTrees.class.getClassLoader());
            assertThat(code.loader().loadClass("org.snakeyaml.engine.v2.api.LoadSettings").getClassLoader())
                    .as("SnakeYAML defined apart too").isSameAs(code.loader());

            ConfigMap tree = reader.read("agent: {id: gw-1}\n", Path.of("ferry.yaml"), ConfigFormat.YAML, new Problems());

            assertThat(tree.getClass()).as("the tree is made of the agent's own classes").isSameAs(ConfigMap.class);
            assertThat(tree.entries().getFirst().key()).isEqualTo("agent");
            return new WeakReference<>(code.loader());
        }
    }

    @Test
    void aClassIsLocatedInItsJarOrClassesFolderAsItsLoaderFindsIt() throws Exception {
        Path snakeYamlJar = Path.of(LoadSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(ClassLocation.of(LoadSettings.class)).isEqualTo(snakeYamlJar);
        assertThat(ClassLocation.of(ConfigTrees.class).resolve("dev/ferry/runtime/config/internal/ConfigTrees.class"))
                .isRegularFile();
    }

    @Test
    void withoutStartupLibrariesTheCodeComesFromTheClassPath() throws Exception {
        assertThat(StartupCode.loadedApart()).isFalse();
        try (StartupCode code = StartupCode.open(ConfigTrees.class, TEXT)) {
            assertThat(code.loader()).isSameAs(ConfigTrees.class.getClassLoader());
        }
        assertThat(ConfigTrees.read("a: 1\n", Path.of("t.yaml"), ConfigFormat.YAML).entries()).hasSize(1);
    }
}
