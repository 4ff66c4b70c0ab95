package dev.ferry.testkit.mqtt;

import dev.ferry.api.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link MosquittoBroker} runs with; {@link MosquittoBroker#builder(Path)} makes one. Written out as
 * {@code mosquitto.conf} in the broker's directory.
 */
public final class MosquittoConfig {

    /**
     * A TLS listener.
     *
     * @param cafile PEM bundle of the CAs that sign client certificates
     * @param tlsVersion Mosquitto's {@code tls_version} ({@code tlsv1.2}, {@code tlsv1.3}), or null for its default
     * @param useIdentityAsUsername take the client certificate's CN as the user name (for ACLs)
     */
    public record Tls(Path cafile, Path certfile, Path keyfile, boolean requireCertificate, @Nullable String tlsVersion,
            boolean useIdentityAsUsername) {

        /** Server authentication only: clients need not present a certificate. */
        public static Tls serverOnly(Path cafile, Path certfile, Path keyfile) {
            return new Tls(cafile, certfile, keyfile, false, null, false);
        }

        /** Mutual TLS: clients must present a certificate signed by {@code cafile}. */
        public static Tls mutual(Path cafile, Path certfile, Path keyfile) {
            return new Tls(cafile, certfile, keyfile, true, null, false);
        }
    }

    final Path dir;
    boolean allowAnonymous = true;
    @Nullable Tls tls;
    final Map<String, String> users = new LinkedHashMap<>();
    @Nullable String acl;
    boolean persistence;
    int maxInflightMessages = 20;
    int maxQueuedMessages = 100_000;
    final List<String> extraLines = new ArrayList<>();
    final List<String> tlsListenerLines = new ArrayList<>();
    String host = "127.0.0.1";
    List<String> launcher = List.of();

    MosquittoConfig(Path dir) {
        this.dir = dir;
    }

    /**
     * Runs the broker inside network namespace {@code namespace} (which the test made, with a link to it), listening
     * on {@code address} there instead of on loopback; needs root, for {@code ip netns exec}.
     */
    public MosquittoConfig inNamespace(String namespace, String address) {
        host = address;
        launcher = List.of("ip", "netns", "exec", namespace);
        return this;
    }

    /** Whether clients without a user name may connect (default true). */
    public MosquittoConfig allowAnonymous(boolean allow) {
        allowAnonymous = allow;
        return this;
    }

    /** Adds a TLS listener on a port of its own, {@link MosquittoBroker#tlsPort()}. */
    public MosquittoConfig tls(Tls settings) {
        tls = settings;
        return this;
    }

    /** Adds a user to the password file (made with {@code mosquitto_passwd}). */
    public MosquittoConfig user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** An ACL file's text, for example {@code "user ferry\ntopic write ferry/#\n"}. */
    public MosquittoConfig acl(String text) {
        acl = text;
        return this;
    }

    /** Keeps sessions and retained messages on disk across restarts (saved on {@link MosquittoBroker#stop()}). */
    public MosquittoConfig persistence(boolean keep) {
        persistence = keep;
        return this;
    }

    /**
     * Mosquitto's {@code max_inflight_messages} (default 20): QoS 1 messages in flight per client in each direction;
     * MQTT 5 clients see it as the receive maximum in CONNACK, so it bounds their publish window.
     */
    public MosquittoConfig maxInflightMessages(int n) {
        maxInflightMessages = n;
        return this;
    }

    /**
     * Mosquitto's {@code max_queued_messages}: QoS 1 messages queued per client beyond those in flight, for an offline
     * persistent session and for an online subscriber slower than its publishers alike; the broker drops the rest.
     * Mosquitto's own default is 1000; here it is 100,000, so a slow {@link MqttRecorder} does not lose messages.
     */
    public MosquittoConfig maxQueuedMessages(int n) {
        maxQueuedMessages = n;
        return this;
    }

    /** Any other configuration line, written as is. */
    public MosquittoConfig line(String configLine) {
        extraLines.add(configLine);
        return this;
    }

    /** A line for the TLS listener alone, e.g. {@code ciphers ECDHE-RSA-AES256-GCM-SHA384}, which Mosquitto sets per listener. */
    public MosquittoConfig tlsListenerLine(String configLine) {
        tlsListenerLines.add(configLine);
        return this;
    }

    /** Starts the broker and waits until its ports accept connections. */
    public MosquittoBroker start() throws IOException, InterruptedException {
        return MosquittoBroker.start(this);
    }

    Path write(int port, int tlsPort, Path logFile) throws IOException, InterruptedException {
        List<String> conf = new ArrayList<>();
        conf.add("user " + System.getProperty("user.name")); // as root, mosquitto would switch to a user that cannot write here
        conf.add("log_dest file " + logFile);
        conf.add("log_type error");
        conf.add("log_type warning");
        conf.add("log_type notice");
        conf.add("log_type information");
        conf.add("connection_messages true");
        conf.add("persistence " + persistence);
        if (persistence) {
            conf.add("persistence_location " + dir + "/");
        }
        conf.add("allow_anonymous " + allowAnonymous);
        conf.add("max_inflight_messages " + maxInflightMessages);
        conf.add("max_queued_messages " + maxQueuedMessages);
        if (!users.isEmpty()) {
            conf.add("password_file " + writePasswords());
        }
        if (acl != null) {
            Path aclFile = Files.writeString(dir.resolve("acl"), acl);
            conf.add("acl_file " + aclFile);
        }
        conf.addAll(extraLines);
        conf.add("listener " + port + " " + host);
        if (tls != null) {
            conf.add("listener " + tlsPort + " " + host);
            conf.add("cafile " + tls.cafile());
            conf.add("certfile " + tls.certfile());
            conf.add("keyfile " + tls.keyfile());
            conf.add("require_certificate " + tls.requireCertificate());
            conf.add("use_identity_as_username " + tls.useIdentityAsUsername());
            if (tls.tlsVersion() != null) {
                conf.add("tls_version " + tls.tlsVersion());
            }
            conf.addAll(tlsListenerLines);
        }
        return Files.write(dir.resolve("mosquitto.conf"), conf);
    }

    private Path writePasswords() throws IOException, InterruptedException {
        Path file = dir.resolve("passwords");
        Files.deleteIfExists(file);
        Files.createFile(file);
        for (Map.Entry<String, String> user : users.entrySet()) {
            Process p = new ProcessBuilder("mosquitto_passwd", "-b", file.toString(), user.getKey(), user.getValue())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("mosquitto_passwd failed for user '" + user.getKey() + "': " + out);
            }
        }
        return file;
    }
}
