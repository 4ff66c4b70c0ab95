/**
 * Injected time: {@link dev.ferry.runtime.time.Ticker} for what schedules, waits and backs off, and
 * {@link dev.ferry.runtime.time.ManualTicker} to drive it by hand in tests. Non-null unless marked
 * {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.runtime.time;
