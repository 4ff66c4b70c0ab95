package dev.ferry.runtime.config.internal;

/**
 * A value of a config file, whatever its format, with the place it was written. YAML and TOML are both read
 * into this tree so that binding and error messages are the same for both.
 */
public sealed interface ConfigNode permits ConfigMap, ConfigList, ConfigScalar {

    Origin origin();

    /** What this node is, as said in "expected ..., got ..." messages, e.g. {@code the string "ten"}. */
    String describe();
}
