/**
 * Running sources: one virtual thread each, per-read deadlines, tiered faults (transient, malformed, quarantine),
 * counters and health. {@link dev.ferry.runtime.schedule.SourceScheduler} is the entry point; how the threads work
 * together is told in {@code CONCURRENCY.md} beside this file. Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.runtime.schedule;
