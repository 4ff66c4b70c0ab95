package dev.ferry.runtime.config.internal;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.startup.StartupCode;
import java.nio.file.Path;

/**
 * Reads a config's text into its tree, with the YAML and TOML libraries loaded for this read only (see
 * {@link StartupCode}): a running agent reads a config at start and at each reload, and keeps none of the about 400
 * classes of SnakeYAML, tomlj and ANTLR in between.
 */
public final class ConfigTrees {

    private static final String TEXT_PACKAGE = "dev.ferry.runtime.config.text.";

    private ConfigTrees() {}

    /** As {@link ConfigTreeReader#read}. */
    public static ConfigMap read(String text, Path file, ConfigFormat format, Problems problems) throws ConfigException {
        try (StartupCode code = StartupCode.open(ConfigTrees.class, TEXT_PACKAGE)) {
            return code.instantiate(TEXT_PACKAGE + "TextTreeReader", ConfigTreeReader.class)
                    .read(text, file, format, problems);
        }
    }

    /** The tree alone, for readers that do not bind it: problems that do not stop the reading are not reported. */
    public static ConfigMap read(String text, Path file, ConfigFormat format) throws ConfigException {
        return read(text, file, format, new Problems());
    }
}
