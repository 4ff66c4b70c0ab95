/**
 * How a plugin declares its config: a record whose components are the keys (snake_case in the file,
 * camelCase in Java), annotated with {@link dev.ferry.api.config.Doc} and {@link dev.ferry.api.config.Default}.
 * A component with neither a default nor {@link dev.ferry.api.Nullable} is required.
 *
 * <p>Supported component types: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double},
 * {@link java.time.Duration} ({@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 7d}),
 * {@link dev.ferry.api.config.DataSize} ({@code 64MiB}), enums (written in kebab-case), nested records,
 * {@code List<T>} and {@code Map<String, T>} of those.
 */
package dev.ferry.api.config;
