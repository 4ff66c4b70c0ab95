/**
 * Benchmarks of the durable log against SQLite doing the same job: JMH benchmarks ({@code AppendBenchmark},
 * {@code ReadAckBenchmark}) and the whole-run write-amplification measurement ({@link dev.ferry.bench.WriteAmplification}).
 * {@code bin/bench-log} runs them all; {@code docs/benchmarks.md} explains what they measure.
 */
package dev.ferry.bench;
