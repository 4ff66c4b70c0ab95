/**
 * The reading of a config's YAML or TOML text into its tree: the one place that uses SnakeYAML Engine and tomlj.
 * Start-up code, loaded apart and dropped after each read (see {@link dev.ferry.runtime.startup.StartupCode}); reach
 * it through {@link dev.ferry.runtime.config.internal.ConfigTrees} only.
 */
package dev.ferry.runtime.config.text;
