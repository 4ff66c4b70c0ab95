/**
 * The footprint benchmark's own programs: the floor publisher the agent is measured against, and the subscriber that
 * times the readings' arrival. {@code bin/bench-footprint} runs them.
 */
package dev.ferry.bench.footprint;
