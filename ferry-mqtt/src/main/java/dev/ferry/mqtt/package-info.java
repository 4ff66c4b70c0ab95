/**
 * Ferry's lean MQTT client: MQTT 3.1.1 and 5, QoS 0 and 1, blocking I/O on virtual threads, the JDK's TLS.
 *
 * <p>{@link dev.ferry.mqtt.MqttConnection#connect} opens one connection; it never reconnects by itself, because the
 * sink that owns it decides when and how to retry. A connection ends once, and {@link dev.ferry.mqtt.MqttConnection#closed()}
 * says who ended it and why. Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.mqtt;
