/**
 * The one retry policy of Ferry — exponential backoff with a cap and full jitter — shared by sources and sinks.
 * Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.runtime.retry;
