/**
 * The durable log: an append-only, segmented, checksummed log on local disk that holds every reading until every
 * sink has acknowledged it. {@link dev.ferry.log.DurableLog} appends with group commit and hands out one
 * {@link dev.ferry.log.LogCursor} per sink; {@link dev.ferry.log.LogInspector} reads a log offline.
 * The on-disk format, recovery rules and durability contract are in {@code BUFFER.md} beside this module's sources.
 * Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.log;
