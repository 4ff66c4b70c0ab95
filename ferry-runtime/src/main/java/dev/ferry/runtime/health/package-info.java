/**
 * The health of every component, by name, with one log line per change and listeners for the management API.
 * Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.runtime.health;
