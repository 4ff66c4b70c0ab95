package dev.ferry.runtime.config;

import dev.ferry.runtime.config.internal.AgentConfigBinder;
import dev.ferry.runtime.config.internal.Binder;
import dev.ferry.runtime.config.internal.ConfigMap;
import dev.ferry.runtime.config.internal.ConfigTrees;
import dev.ferry.runtime.config.internal.EnvSubstitution;
import dev.ferry.runtime.config.internal.Origin;
import dev.ferry.runtime.config.internal.Problems;
import dev.ferry.runtime.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads an agent config (YAML or TOML), substitutes {@code ${VAR}} from the given environment, binds it to
 * the settings records and the plugins' config records, and validates it. Every error in the file is
 * reported at once, each with its file, line and key.
 *
 * <p>Pure: the same text, environment and plugins always give the same result, so {@code ferry check} and a
 * reload see exactly what {@code ferry run} would.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * Loads a config file; its format follows from the extension ({@code .yaml}, {@code .yml}, {@code .toml}),
     * and relative paths in it are resolved against its directory.
     *
     * @param env the environment {@code ${VAR}} is substituted from, usually {@link System#getenv()}
     * @throws ConfigException with every error found, when the file cannot be read or is not a valid config
     */
    public static LoadedConfig load(Path file, Map<String, String> env, PluginRegistry registry) throws ConfigException {
        return load(file, env, registry, CheckDepth.VALUES);
    }

    /**
     * Loads a config file to start the agent on: as {@link #check(Path, Map, PluginRegistry)}, but without trying
     * the ports servers will listen on (see {@link CheckDepth#FILES_AND_PORTS}).
     */
    public static LoadedConfig loadToStart(Path file, Map<String, String> env, PluginRegistry registry) throws ConfigException {
        return load(file, env, registry, CheckDepth.FILES);
    }

    /**
     * Loads a config file as {@link #load(Path, Map, PluginRegistry)} does and also reads the files its plugins name
     * (certificates, keys, CA bundles), reporting what is wrong with them at the key that names them: what
     * {@code ferry check} does, so that a bad certificate is found before the agent is started with it.
     */
    public static LoadedConfig check(Path file, Map<String, String> env, PluginRegistry registry) throws ConfigException {
        return load(file, env, registry, CheckDepth.FILES_AND_PORTS);
    }

    /**
     * As {@link #check(Path, Map, PluginRegistry)} with the file's content read already, so that the config checked
     * is the one whose text the caller keeps (a reload hashes and shows what it applied, not what the file says a
     * moment later).
     */
    public static LoadedConfig check(String text, Path file, Map<String, String> env, PluginRegistry registry)
            throws ConfigException {
        return load(text, file, formatOf(file), env, registry, CheckDepth.FILES_AND_PORTS);
    }

    /**
     * Checks a config given as text that no file of its own holds, such as one the platform sent: relative paths
     * in it are resolved against {@code baseDir}, and errors name {@code displayName} as their file.
     *
     * @param depth how far beyond the text to look; the ports are not tried while an agent runs on the data
     */
    public static LoadedConfig check(String text, String displayName, ConfigFormat format, Path baseDir,
            Map<String, String> env, PluginRegistry registry, CheckDepth depth) throws ConfigException {
        return load(text, displayName, format, baseDir, env, registry, depth);
    }

    private static ConfigFormat formatOf(Path file) throws ConfigException {
        ConfigFormat format = ConfigFormat.ofFile(file);
        if (format == null) {
            throw Problems.single(Origin.wholeFile(file), "",
                    "cannot tell the config format; name the file *.yaml, *.yml or *.toml");
        }
        return format;
    }

    private static LoadedConfig load(String text, Path file, ConfigFormat format, Map<String, String> env,
            PluginRegistry registry, CheckDepth depth) throws ConfigException {
        return load(text, file.toString(), format, file.toAbsolutePath().getParent(), env, registry, depth);
    }

    private static LoadedConfig load(Path file, Map<String, String> env, PluginRegistry registry, CheckDepth depth)
            throws ConfigException {
        ConfigFormat format = formatOf(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw Problems.single(Origin.wholeFile(file), "", "no such file");
        } catch (CharacterCodingException e) {
            throw Problems.single(Origin.wholeFile(file), "", "not UTF-8 text");
        } catch (IOException e) {
            throw Problems.single(Origin.wholeFile(file), "", "cannot read the file: " + e.getMessage());
        }
        return load(text, file, format, env, registry, depth);
    }

    /**
     * Loads a config given as text, such as one embedded in the agent's jar.
     *
     * @param displayName how errors name the source of the text, e.g. {@code default-config.yaml}
     * @param baseDir what relative paths in the config (such as {@code data_dir}) are resolved against
     * @throws ConfigException with every error found
     */
    public static LoadedConfig load(String text, String displayName, ConfigFormat format, Path baseDir,
            Map<String, String> env, PluginRegistry registry) throws ConfigException {
        return load(text, displayName, format, baseDir, env, registry, CheckDepth.VALUES);
    }

    private static LoadedConfig load(String text, String displayName, ConfigFormat format, Path baseDir,
            Map<String, String> env, PluginRegistry registry, CheckDepth depth) throws ConfigException {
        Path name = Path.of(displayName);
        Problems problems = new Problems();
        ConfigMap root = ConfigTrees.read(text, name, format, problems);
        Binder binder = new Binder(new EnvSubstitution(env), problems);
        return new AgentConfigBinder(binder, registry, depth).bind(root, name, baseDir.toAbsolutePath().normalize());
    }
}
