package dev.ferry.sink.mqtt.internal;

/**
 * One MQTT message to publish, before it meets the client.
 *
 * @param firstId the ID of the first reading it carries (a user property in MQTT 5), empty for a gap
 * @param lastId the ID of the last reading it carries; the same as {@code firstId} for a single reading
 */
public record Outgoing(String topic, byte[] payload, String firstId, String lastId) {}
