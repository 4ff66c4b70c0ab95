/**
 * The whole-process MQTT benchmark run by {@code bin/bench-mqtt}: a counting subscriber that checks every reading
 * arrived ({@link dev.ferry.bench.mqtt.CountingSubscriber}) and the ceiling, a bare asynchronous QoS 1 publisher on the
 * HiveMQ client ({@link dev.ferry.bench.mqtt.CeilingPublisher}). The agent itself runs as its own process;
 * {@code docs/benchmarks.md} explains what is measured.
 */
package dev.ferry.bench.mqtt;
