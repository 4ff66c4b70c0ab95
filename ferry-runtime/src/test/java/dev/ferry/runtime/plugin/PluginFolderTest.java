package dev.ferry.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.SourceProvider;
import dev.ferry.runtime.config.testplugins.SimulatedTestProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins installed as folders of jars: the jar is compiled here, so that no class of it is on the test class path. */
class PluginFolderTest {

    private static final String ECHO_SOURCE = """
            package com.example.echo;

            import dev.ferry.api.PluginContext;
            import dev.ferry.api.Source;
            import dev.ferry.api.SourceProvider;

            public final class EchoProvider implements SourceProvider<EchoProvider.Config> {
                public record Config(String word) {}
                @Override public String type() { return "echo"; }
                @Override public Class<Config> configType() { return Config.class; }
                @Override public Source create(Config config, PluginContext context) {
                    throw new UnsupportedOperationException("not run here");
                }
            }
            """;

    private final ClassLoader testLoader = PluginFolderTest.class.getClassLoader();

    @TempDir
    Path plugins;

    @Test
    void aFolderPluginIsListedAtOnceAndLoadedInItsOwnClassLoaderWhenAskedFor() throws Exception {
        compilePlugin(plugins.resolve("source-echo"), "echo.jar", "EchoProvider");

        PluginRegistry registry = PluginRegistry.load(testLoader, plugins);

        assertThat(registry.sourceTypes()).containsExactly("agent", "echo", "simulated");
        SourceProvider<?> echo = registry.source("echo");
        assertThat(echo).isNotNull();
        assertThat(echo.getClass().getName()).isEqualTo("com.example.echo.EchoProvider");
        assertThat(echo.getClass().getClassLoader().getName()).isEqualTo("ferry plugin source-echo");
        assertThat(echo.getClass().getClassLoader().getParent()).isSameAs(testLoader);
        assertThat(registry.source("echo")).as("loaded once, then kept").isSameAs(echo);
        assertThat(registry.source("simulated")).isInstanceOf(SimulatedTestProvider.class);
        assertThat(registry.sink("echo")).as("a source folder is no sink").isNull();
    }

    @Test
    void aMissingPluginsFolderHoldsNoPlugins() throws Exception {
        PluginRegistry registry = PluginRegistry.load(testLoader, plugins.resolve("absent"));

        assertThat(registry.sourceTypes()).containsExactly("agent", "simulated");
    }

    @Test
    void foldersNamedOtherwiseAreNotPlugins() throws Exception {
        Files.createDirectories(plugins.resolve("echo"));
        Files.createDirectories(plugins.resolve("source-"));
        Files.writeString(plugins.resolve("sink-file.txt"), "not a folder");

        PluginRegistry registry = PluginRegistry.load(testLoader, plugins);

        assertThat(registry.sourceTypes()).containsExactly("agent", "simulated");
        assertThat(registry.sinkTypes()).containsExactly("file");
    }

    @Test
    void aFolderWithoutJarsIsRefusedWhenItsTypeIsAskedFor() throws Exception {
        Files.createDirectories(plugins.resolve("source-echo"));
        PluginRegistry registry = PluginRegistry.load(testLoader, plugins);

        assertThatThrownBy(() -> registry.source("echo"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("the plugin folder " + plugins.resolve("source-echo") + " holds no jar");
    }

    @Test
    void aFolderWhoseJarsHoldAnotherTypeSaysWhatItHolds() throws Exception {
        compilePlugin(plugins.resolve("source-shout"), "echo.jar", "EchoProvider");
        PluginRegistry registry = PluginRegistry.load(testLoader, plugins);

        assertThatThrownBy(() -> registry.source("shout"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage(plugins.resolve("source-shout") + " holds no source plugin of type \"shout\" (it holds echo);"
                        + " a plugin's folder is named source-<type> and holds the plugin's jar and its libraries");
    }

    @Test
    void aRegistrationOfAMissingClassIsRefusedWithTheClassName() throws Exception {
        compilePlugin(plugins.resolve("source-echo"), "echo.jar", "NoSuchProvider");
        PluginRegistry registry = PluginRegistry.load(testLoader, plugins);

        assertThatThrownBy(() -> registry.source("echo"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("the source plugin in " + plugins.resolve("source-echo") + " cannot be loaded: ")
                .hasMessageContaining("com.example.echo.NoSuchProvider");
    }

    @Test
    void aFolderOfATypeAlsoOnTheClassPathIsRefusedAtOnce() throws Exception {
        Files.createDirectories(plugins.resolve("source-simulated"));

        assertThatThrownBy(() -> PluginRegistry.load(testLoader, plugins))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("two source plugins have the type \"simulated\": " + SimulatedTestProvider.class.getName()
                        + " on the class path and the folder " + plugins.resolve("source-simulated") + "; remove one of them");
    }

    /** Compiles the echo plugin into {@code folder/jarName}, registering {@code registeredClass} as its provider. */
    private static void compilePlugin(Path folder, String jarName, String registeredClass) throws IOException {
        Path sources = Files.createTempDirectory("echo-src");
        Path classes = Files.createTempDirectory("echo-classes");
        Path file = Files.createDirectories(sources.resolve("com/example/echo")).resolve("EchoProvider.java");
        Files.writeString(file, ECHO_SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(exit).as("the echo plugin compiles").isZero();
        Files.createDirectories(folder);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve(jarName)));
                Stream<Path> compiled = Files.walk(classes)) {
            for (Path path : compiled.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/" + SourceProvider.class.getName()));
            jar.write(("com.example.echo." + registeredClass + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
