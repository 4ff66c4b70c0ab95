/**
 * The agent's config: {@link dev.ferry.runtime.config.ConfigLoader} reads a YAML or TOML file into a validated
 * {@link dev.ferry.runtime.config.LoadedConfig}, or throws a {@link dev.ferry.runtime.config.ConfigException}
 * listing every {@link dev.ferry.runtime.config.ConfigError} in it as {@code file:line: key: message}.
 *
 * <p>The file has four sections: {@code agent:} ({@link dev.ferry.runtime.config.AgentSettings}), the optional
 * {@code log:} ({@code dev.ferry.log.LogOptions}), and {@code sources:} and {@code sinks:}, maps of named
 * sections whose keys are the common {@link dev.ferry.runtime.config.SourceSettings} or
 * {@link dev.ferry.runtime.config.SinkSettings} plus the keys of the plugin that {@code type:} names. How keys
 * are declared is described in {@link dev.ferry.api.config}. Values may use {@code ${VAR}} and
 * {@code ${VAR:-default}}; a value taken from the environment is typed by its text, as if written unquoted.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.runtime.config;
