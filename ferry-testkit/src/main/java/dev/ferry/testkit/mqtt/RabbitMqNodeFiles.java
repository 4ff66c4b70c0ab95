package dev.ferry.testkit.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where one private RabbitMQ node keeps everything: configuration, enabled plugins, database, logs and the Erlang
 * cookie all live in its own directory, and its environment points every RabbitMQ setting there, so nothing from
 * {@code /etc/rabbitmq}, {@code /var/lib/rabbitmq} or the user's home takes part and nothing is left behind.
 */
record RabbitMqNodeFiles(Path dir, String nodeName, String host, RabbitMqPorts ports) {

    Path configFile() {
        return dir.resolve("rabbitmq.conf");
    }

    /** Where the node writes its log once its logging is configured. */
    Path logFile() {
        return dir.resolve("log").resolve(nodeName + ".log");
    }

    /** The start script's and the early boot's output, and why a node that never got to logging died. */
    Path outputFile() {
        return dir.resolve("rabbitmq-server.out");
    }

    Path epmdOutputFile() {
        return dir.resolve("epmd.out");
    }

    void write() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(configFile(), """
                # A private node for tests: loopback only, anonymous MQTT clients mapped to the default user.
                listeners.tcp.default = %1$s:%2$d
                mqtt.listeners.tcp.default = %1$s:%3$d
                mqtt.allow_anonymous = true
                mqtt.default_user = guest
                mqtt.default_pass = guest
                mqtt.vhost = /
                mqtt.exchange = amq.topic
                default_user = guest
                default_pass = guest
                default_vhost = /
                # Below this much free disk RabbitMQ blocks every publisher; a test must not hang on a full build disk.
                disk_free_limit.absolute = 1
                log.console = false
                log.file.level = info
                """.formatted(host, ports.amqp(), ports.mqtt()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_mqtt].\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "", StandardCharsets.UTF_8);
    }

    /**
     * Sets the node's environment, after removing every inherited RabbitMQ and Erlang setting (and systemd's
     * notification socket, which would make the start script replace itself with the Erlang VM).
     */
    void applyTo(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("RABBITMQ_") || name.startsWith("ERL_") || name.equals("NOTIFY_SOCKET"));
        env.put("HOME", dir.toString()); // the Erlang cookie goes to $HOME/.erlang.cookie
        env.put("RABBITMQ_NODENAME", nodeName);
        env.put("RABBITMQ_DIST_PORT", Integer.toString(ports.distribution()));
        env.put("ERL_EPMD_PORT", Integer.toString(ports.epmd()));
        env.put("ERL_EPMD_ADDRESS", host);
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {" + host.replace('.', ',') + "}");
        env.put("RABBITMQ_CONFIG_FILE", configFile().toString());
        env.put("RABBITMQ_CONFIG_FILES", dir.resolve("conf.d").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
    }
}
