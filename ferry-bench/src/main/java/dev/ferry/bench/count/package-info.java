/**
 * Counting what arrived in a whole-process benchmark: every reading by its sequence number, so re-sent ones count
 * once and a missing one keeps the run incomplete; shared by the MQTT and CoAP benchmarks.
 */
package dev.ferry.bench.count;
