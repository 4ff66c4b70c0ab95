/**
 * The live dashboard served at {@code /} of the management endpoint: its static files, shipped in the jar, and the
 * hour of history the agent keeps in memory for it ({@code GET /history}).
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.management.dashboard;
