/**
 * Support bundles: what the agent writes when asked through {@code POST /diagnostics}: a flight recording, a
 * thread dump, a class histogram and heap summary, its status and metrics, its config with every secret redacted,
 * its recent log lines and log figures, all in one zip.
 *
 * <p>No part of a bundle may carry a secret: the config is re-rendered from its parsed tree rather than copied, the
 * recording leaves out the events that hold environment variables, system properties and other processes' command
 * lines, and every part is checked against the secrets the config holds before it is packed.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.management.diagnostics;
