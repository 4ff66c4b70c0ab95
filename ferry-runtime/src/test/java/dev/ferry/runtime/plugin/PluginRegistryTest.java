package dev.ferry.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.api.config.Default;
import dev.ferry.runtime.config.testplugins.FileTestProvider;
import dev.ferry.runtime.config.testplugins.SimulatedTestProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    private final ClassLoader testLoader = PluginRegistryTest.class.getClassLoader();

    @Test
    void findsTheProvidersRegisteredWithServiceLoader() throws PluginLoadException {
        PluginRegistry registry = PluginRegistry.load(testLoader);

        assertThat(registry.source("simulated")).isInstanceOf(SimulatedTestProvider.class);
        assertThat(registry.sink("file")).isInstanceOf(FileTestProvider.class);
        assertThat(registry.source("file")).isNull();
        assertThat(registry.sourceTypes()).containsExactly("agent", "simulated");
        assertThat(registry.sinkTypes()).containsExactly("file");
    }

    @Test
    void twoProvidersOfOneTypeStopTheStartNamingBothClasses(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderRegistering(dir, ClashingSimulatedProvider.class.getName())) {
            assertThatThrownBy(() -> PluginRegistry.load(loader))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessage("two source plugins have the type \"simulated\": "
                            + SimulatedTestProvider.class.getName() + " and " + ClashingSimulatedProvider.class.getName()
                            + "; remove one of them from the class path");
        }
    }

    @Test
    void aProviderThatCannotBeLoadedStopsTheStart(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderRegistering(dir, "com.example.MissingProvider")) {
            assertThatThrownBy(() -> PluginRegistry.load(loader))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageStartingWith("cannot load a SourceProvider: ")
                    .hasMessageContaining("com.example.MissingProvider");
        }
    }

    @Test
    void typesAreListedInOrder() throws PluginLoadException {
        SourceProvider<?> zeta = new SourceProvider<ClashingSimulatedProvider.Config>() {
            @Override
            public String type() {
                return "zeta";
            }

            @Override
            public Class<ClashingSimulatedProvider.Config> configType() {
                return ClashingSimulatedProvider.Config.class;
            }

            @Override
            public Source create(ClashingSimulatedProvider.Config config, PluginContext context) {
                throw new UnsupportedOperationException("never created");
            }
        };
        PluginRegistry registry = PluginRegistry.of(List.of(zeta, new SimulatedTestProvider()), List.of());

        assertThat(registry.sourceTypes()).containsExactly("simulated", "zeta");
        assertThat(registry.sinkTypes()).isEmpty();
    }

    @Test
    void duplicateSinksAreRefusedToo() {
        assertThatThrownBy(() -> PluginRegistry.of(List.of(), List.of(new FileTestProvider(), new FileTestProvider())))
                .hasMessageStartingWith("two sink plugins have the type \"file\"");
    }

    @Test
    void aProviderWhoseConfigCannotBeBoundIsRefused() {
        SourceProvider<?> broken = new SourceProvider<BrokenConfig>() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public Class<BrokenConfig> configType() {
                return BrokenConfig.class;
            }

            @Override
            public Source create(BrokenConfig config, PluginContext context) {
                throw new UnsupportedOperationException("never created");
            }
        };
        assertThatThrownBy(() -> PluginRegistry.of(List.of(broken), List.of()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("the source plugin \"broken\"")
                .hasMessageEndingWith("declares its config " + BrokenConfig.class.getName()
                        + " wrongly: key `every`: @Default(\"5\") is not valid: a duration needs a unit: write 5s or 5ms, not 5");
    }

    record BrokenConfig(@Default("5") Duration every) {}

    /** A class loader that sees the test plugins plus one more source provider registration. */
    private URLClassLoader loaderRegistering(Path dir, String providerClass) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(SourceProvider.class.getName()), providerClass + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, testLoader);
    }
}
