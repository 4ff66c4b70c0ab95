package dev.ferry.bench.footprint;

import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttConnection;
import dev.ferry.mqtt.MqttPublish;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The floor of the footprint benchmark: the least a JVM does to move the standard workload's readings upstream.
 * Ten simulated sensors at 10 Hz, each reading one JSON message of the agent's shape, published at QoS 1 over mutual
 * TLS with Ferry's own MQTT client, and nothing else: no durable log, no config, no plugins, no health, no
 * reconnecting. Run with the agent's JVM flags, the agent's figures over these are what the agent itself costs.
 *
 * <p>Usage: {@code FloorPublisher --port P --ca CA.pem --identity CLIENT.p12 [--password PW] [--host localhost]
 * [--agent floor-gw] [--sources 10] [--interval-ms 100] [--seconds 0]}; 0 seconds runs until SIGTERM. Prints the
 * readings acknowledged when it ends.
 */
public final class FloorPublisher {

    private final MqttConnection connection;
    private final String agent;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();

    private FloorPublisher(MqttConnection connection, String agent) {
        this.connection = connection;
        this.agent = agent;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String agent = options.getOrDefault("agent", "floor-gw");
        int sources = Integer.parseInt(options.getOrDefault("sources", "10"));
        long interval = Long.parseLong(options.getOrDefault("interval-ms", "100"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "0"));
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        MqttConnectOptions connect = MqttConnectOptions.builder(options.getOrDefault("host", "localhost"),
                        Integer.parseInt(options.get("port")))
                .clientId(agent)
                .tls(tls(Path.of(options.get("ca")), Path.of(options.get("identity")),
                        options.getOrDefault("password", "bench").toCharArray()).getSocketFactory(), parameters)
                .build();
        FloorPublisher publisher = new FloorPublisher(MqttConnection.connect(connect), agent);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ticks.scheduleAtFixedRate(() -> publisher.tick(sources), 0, interval, TimeUnit.MILLISECONDS);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        if (seconds > 0) {
            stop.await(seconds, TimeUnit.SECONDS);
        } else {
            stop.await();
        }
        ticks.shutdown();
        System.out.println("floor: " + publisher.acknowledged.get() + " readings acknowledged");
        publisher.connection.close();
    }

    /** One reading of each sensor, as the agent's simulated sources make them, published as the agent's sink does. */
    private void tick(int sources) {
        Instant now = Instant.now();
        for (int source = 0; source < sources; source++) {
            long n = seq.getAndIncrement();
            double value = 20 + 5 * Math.sin(2 * Math.PI * (now.toEpochMilli() % 60_000) / 60_000.0);
            String json = String.format(Locale.ROOT, "{\"id\":\"%s:floor:%d\",\"seq\":%d,\"time\":\"%s\",\"source\":"
                    + "\"sim%d\",\"metric\":\"temperature\",\"value\":%.4f,\"unit\":\"Cel\",\"tags\":{\"site\":"
                    + "\"plant-3\"}}", agent, n, n, now, source, value);
            try {
                connection.publish(new MqttPublish("ferry/" + agent + "/sim" + source + "/temperature",
                        json.getBytes(StandardCharsets.UTF_8), 1, false, null, "application/json", true, Map.of()))
                        .thenRun(acknowledged::incrementAndGet);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static SSLContext tls(Path ca, Path identity, char[] password) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(identity)) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, found " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[] {"port", "ca", "identity"}) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required; see the class comment for usage");
            }
        }
        return options;
    }
}
