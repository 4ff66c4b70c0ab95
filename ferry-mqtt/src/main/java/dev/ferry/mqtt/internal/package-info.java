/**
 * The MQTT client's implementation: the packet codec ({@link dev.ferry.mqtt.internal.PacketEncoder},
 * {@link dev.ferry.mqtt.internal.PacketDecoder}, {@link dev.ferry.mqtt.internal.PacketReader}) and the connection's
 * threads ({@link dev.ferry.mqtt.internal.ClientConnection}). Not an API: other modules use {@code dev.ferry.mqtt}.
 * Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.mqtt.internal;
