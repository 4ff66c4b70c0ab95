package dev.ferry.runtime.config.internal;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigFormat;
import java.nio.file.Path;

/** Turns a config's text into its tree; implemented beside the YAML and TOML libraries, loaded only to read. */
public interface ConfigTreeReader {

    /**
     * Returns the document's top-level map. Syntax errors that leave nothing to read on throw; others are added to
     * {@code problems}, so that binding still reports everything else in the same run.
     */
    ConfigMap read(String text, Path file, ConfigFormat format, Problems problems) throws ConfigException;
}
