/**
 * MQTT brokers for tests: {@link dev.ferry.testkit.mqtt.MosquittoBroker} runs the real broker as a child process on a
 * free loopback port (optionally with TLS, a password file and an ACL) and can stop, kill, pause and restart it on the
 * same port; {@link dev.ferry.testkit.mqtt.MqttRecorder} subscribes with {@code mosquitto_sub} and collects what
 * arrives. {@link dev.ferry.testkit.mqtt.RabbitMqBroker} runs a private RabbitMQ node with its MQTT plugin, a second
 * broker implementation for interoperability tests. Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.testkit.mqtt;
