/**
 * Dead letters: entries a sink's far end refused for good, set aside by the runtime in a durable store per sink
 * under {@code data_dir/dead-letters/<sink>/}, with their IDs, the reason and the time, capped in size, and sent
 * again through the same sink on request. See {@code docs/dead-letters.md}.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.runtime.deadletter;
