package dev.ferry.testkit.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The loopback ports of one private RabbitMQ node, each free when picked. Picking them all while every socket is
 * still open keeps them distinct; another process may still take one before the node binds it, which the start
 * reports as a failure rather than sharing a port.
 *
 * @param mqtt the MQTT listener
 * @param amqp the AMQP 0-9-1 listener, which RabbitMQ always opens
 * @param distribution the Erlang distribution listener, by which the node's own tools would talk to it
 * @param epmd the node's private Erlang port mapper, so nodes of different tests never meet in a shared one
 */
record RabbitMqPorts(int mqtt, int amqp, int distribution, int epmd) {

    static RabbitMqPorts pick(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        try (ServerSocket mqtt = new ServerSocket(0, 1, address);
                ServerSocket amqp = new ServerSocket(0, 1, address);
                ServerSocket distribution = new ServerSocket(0, 1, address);
                ServerSocket epmd = new ServerSocket(0, 1, address)) {
            return new RabbitMqPorts(mqtt.getLocalPort(), amqp.getLocalPort(), distribution.getLocalPort(), epmd.getLocalPort());
        }
    }
}
