package dev.ferry.agent.cli;

import dev.ferry.agent.Main;
import dev.ferry.agent.UserError;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code -c FILE} option shared by the commands that read a config, with {@code --log-level}: whatever reads a
 * config may log, and the config's {@code agent.log_level} is known only once it is read.
 */
final class ConfigOption {

    static final String DEFAULT_CONFIG = "default-config.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (.yaml, .yml or .toml). Without it, the built-in demo config is used.")
    Path file;

    @Mixin
    LogLevelOption logLevel;

    /** Loads the config and sets the log level from it, the environment and the command line. */
    LoadedConfig load(PluginRegistry registry) throws ConfigException, IOException, UserError {
        return withLogLevel(read(registry));
    }

    /** Loads the config to start the agent on: as {@link #check}, but the ports servers will listen on are not tried. */
    LoadedConfig loadToStart(PluginRegistry registry) throws ConfigException, IOException, UserError {
        if (file != null) {
            return withLogLevel(ConfigLoader.loadToStart(file, System.getenv(), registry));
        }
        return load(registry);
    }

    /** Loads the config as {@link #load} does and also reads the files its plugins name (certificates, keys). */
    LoadedConfig check(PluginRegistry registry) throws ConfigException, IOException, UserError {
        if (file != null) {
            return withLogLevel(ConfigLoader.check(file, System.getenv(), registry));
        }
        return load(registry);   // the built-in config names no files
    }

    private LoadedConfig read(PluginRegistry registry) throws ConfigException, IOException {
        if (file != null) {
            return ConfigLoader.load(file, System.getenv(), registry);
        }
        return ConfigLoader.load(defaultConfigText(), "(built-in) " + DEFAULT_CONFIG, ConfigFormat.YAML,
                Path.of("").toAbsolutePath(), System.getenv(), registry);
    }

    private LoadedConfig withLogLevel(LoadedConfig loaded) throws UserError {
        logLevel.apply(loaded, System.getenv());
        return loaded;
    }

    /** The config's text as it is now, before {@code ${VAR}} substitution. */
    String text() throws IOException {
        return file != null ? java.nio.file.Files.readString(file) : defaultConfigText();
    }

    ConfigFormat format() {
        ConfigFormat format = file == null ? null : ConfigFormat.ofFile(file);
        return format == null ? ConfigFormat.YAML : format;
    }

    String describe() {
        return file != null ? file.toString() : "the built-in demo config";
    }

    static String defaultConfigText() throws IOException {
        try (InputStream in = Main.class.getResourceAsStream(DEFAULT_CONFIG)) {
            if (in == null) {
                throw new IOException("the built-in config " + DEFAULT_CONFIG + " is missing from the agent jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
