package dev.ferry.sink.mqtt.internal;

/**
 * One MQTT message to publish, before it meets the client.
 *
 * @param firstId the ID of the first reading it carries (a user property in MQTT 5), empty for a gap
 * @param lastId the ID of the last reading it carries; the same as {@code firstId} for a single reading
 * @param batch whether it is a batch message (an array or a pack on the batch topic), which names its readings by
 *     first and last ID even when it holds only one, so that a consumer of the batch topic finds the same properties
 *     on every message
 */
public record Outgoing(String topic, byte[] payload, String firstId, String lastId, boolean batch) {}
