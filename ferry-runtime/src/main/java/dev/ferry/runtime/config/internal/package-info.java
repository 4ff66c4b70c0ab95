/**
 * How a config is read and bound: YAML and TOML become one positioned tree
 * ({@link dev.ferry.runtime.config.internal.ConfigNode}), which {@link dev.ferry.runtime.config.internal.Binder}
 * turns into records, collecting every problem in {@link dev.ferry.runtime.config.internal.Problems} rather than
 * stopping at the first. Not an API: use {@link dev.ferry.runtime.config.ConfigLoader}.
 */
package dev.ferry.runtime.config.internal;
