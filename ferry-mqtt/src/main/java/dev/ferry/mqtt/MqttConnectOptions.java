package dev.ferry.mqtt;

import dev.ferry.api.Nullable;
import dev.ferry.mqtt.internal.Utf8;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

/**
 * How to open one MQTT connection. Build one with {@link #builder(String, int)}; the constructor checks every value
 * and names the bad one. MQTT 5-only settings (session expiry, receive maximum, maximum packet size as a property,
 * user properties, will properties) are not sent on an MQTT 3.1.1 connection.
 *
 * @param host broker host name or address
 * @param port broker TCP port, 1 to 65535
 * @param clientId client identifier; empty lets an MQTT 5 broker assign one (MQTT 3.1.1 then needs clean start)
 * @param keepAlive PINGREQ after this long without sending, and the connection is declared dead after 1.5 times
 *     this long without hearing from the broker; whole seconds up to 65535, {@link Duration#ZERO} turns both off.
 *     An MQTT 5 broker may impose its own value (see {@link ConnackInfo#keepAlive()}).
 * @param cleanStart start a new session (MQTT 3.1.1: clean session) instead of resuming one
 * @param sessionExpiry MQTT 5: how long the broker keeps the session after the connection ends (whole seconds)
 * @param username user name, or null
 * @param password password, or null; MQTT 3.1.1 allows a password only with a user name
 * @param will message the broker publishes if this connection ends abnormally, or null
 * @param receiveMaximum MQTT 5: how many QoS 1 messages the broker may send us before we acknowledge them, 1..65535
 * @param maximumPacketSize the largest packet we accept from the broker, in bytes; a larger one ends the
 *     connection before anything is allocated for it (MQTT 5 also tells the broker)
 * @param maxInFlight our cap on publishes sent but not yet acknowledged (QoS 1) or not yet written (QoS 0),
 *     1..65535; the effective window is the smaller of this and the broker's receive maximum
 * @param connectTimeout bound on TCP connect, TLS handshake and CONNACK together; also bounds how long
 *     {@link MqttConnection#close()} waits for the DISCONNECT to leave
 * @param tls socket factory for TLS, or null for plain TCP
 * @param tlsParameters protocols, cipher suites, endpoint identification for TLS, or null for the factory's defaults
 * @param userProperties MQTT 5 user properties sent with CONNECT
 */
public record MqttConnectOptions(String host, int port, MqttVersion version, String clientId, Duration keepAlive,
        boolean cleanStart, Duration sessionExpiry, @Nullable String username, byte @Nullable [] password,
        @Nullable MqttWill will, int receiveMaximum, int maximumPacketSize, int maxInFlight, Duration connectTimeout,
        @Nullable SSLSocketFactory tls, @Nullable SSLParameters tlsParameters, Map<String, String> userProperties) {

    /** The largest packet MQTT can express: a 1-byte header, a 4-byte remaining length and 268,435,455 bytes. */
    public static final int LARGEST_PACKET = 268_435_460;

    public MqttConnectOptions {
        if (host.isBlank()) {
            throw new IllegalArgumentException("mqtt host must not be empty");
        }
        check(port >= 1 && port <= 65535, "port must be 1 to 65535", port);
        Objects.requireNonNull(version, "version");
        Utf8.check(clientId, "client id");
        check(!clientId.isEmpty() || cleanStart || version == MqttVersion.V5,
                "client id must not be empty without clean start on MQTT 3.1.1", "\"\"");
        check(keepAlive.isZero() || (keepAlive.toSeconds() >= 1 && keepAlive.toSeconds() <= 0xFFFF),
                "keep-alive must be 0 (off) or 1 to 65535 seconds", keepAlive);
        check(!sessionExpiry.isNegative() && sessionExpiry.toSeconds() <= 0xFFFF_FFFFL,
                "session expiry must be 0 to 4294967295 seconds", sessionExpiry);
        if (username != null) {
            Utf8.check(username, "user name");
        }
        check(password == null || password.length <= 0xFFFF, "password must be at most 65535 bytes",
                password == null ? 0 : password.length);
        check(password == null || username != null || version == MqttVersion.V5,
                "a password needs a user name on MQTT 3.1.1", "no user name");
        check(receiveMaximum >= 1 && receiveMaximum <= 0xFFFF, "receive maximum must be 1 to 65535", receiveMaximum);
        check(maximumPacketSize >= 64 && maximumPacketSize <= LARGEST_PACKET,
                "maximum packet size must be 64 to " + LARGEST_PACKET + " bytes", maximumPacketSize);
        check(maxInFlight >= 1 && maxInFlight <= 0xFFFF, "max in-flight must be 1 to 65535", maxInFlight);
        check(connectTimeout.isPositive(), "connect timeout must be > 0", connectTimeout);
        check(tlsParameters == null || tls != null, "TLS parameters need a TLS socket factory", "no factory");
        userProperties = MqttPublish.copyProperties(userProperties);
    }

    private static void check(boolean ok, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("mqtt " + rule + ", was " + value);
        }
    }

    /** Defaults: MQTT 5, empty client id, keep-alive 60 s, clean start, no session expiry, receive maximum 100,
     *  maximum packet size 1 MiB, 1000 in flight, connect timeout 10 s, plain TCP. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder(host, port);
        b.version = version; b.clientId = clientId; b.keepAlive = keepAlive; b.cleanStart = cleanStart;
        b.sessionExpiry = sessionExpiry; b.username = username; b.password = password; b.will = will;
        b.receiveMaximum = receiveMaximum; b.maximumPacketSize = maximumPacketSize; b.maxInFlight = maxInFlight;
        b.connectTimeout = connectTimeout; b.tls = tls; b.tlsParameters = tlsParameters; b.userProperties = userProperties;
        return b;
    }

    @Override
    public String toString() { // never prints the password
        return "MqttConnectOptions[" + (tls == null ? "mqtt://" : "mqtts://") + host + ":" + port + ", " + version
                + ", clientId=" + clientId + ", keepAlive=" + keepAlive + ", cleanStart=" + cleanStart
                + (username == null ? "" : ", username=" + username) + (password == null ? "" : ", password=***")
                + (will == null ? "" : ", will on " + will.message().topic()) + "]";
    }

    /** Not thread-safe; one per options being built. */
    public static final class Builder {
        private final String host;
        private final int port;
        private MqttVersion version = MqttVersion.V5;
        private String clientId = "";
        private Duration keepAlive = Duration.ofSeconds(60);
        private boolean cleanStart = true;
        private Duration sessionExpiry = Duration.ZERO;
        private @Nullable String username;
        private byte @Nullable [] password;
        private @Nullable MqttWill will;
        private int receiveMaximum = 100;
        private int maximumPacketSize = 1 << 20;
        private int maxInFlight = 1000;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private @Nullable SSLSocketFactory tls;
        private @Nullable SSLParameters tlsParameters;
        private Map<String, String> userProperties = Map.of();

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder version(MqttVersion v) { version = v; return this; }
        public Builder clientId(String id) { clientId = id; return this; }
        public Builder keepAlive(Duration d) { keepAlive = d; return this; }
        public Builder cleanStart(boolean clean) { cleanStart = clean; return this; }
        public Builder sessionExpiry(Duration d) { sessionExpiry = d; return this; }
        public Builder credentials(@Nullable String user, byte @Nullable [] pass) { username = user; password = pass; return this; }
        public Builder will(@Nullable MqttWill w) { will = w; return this; }
        public Builder receiveMaximum(int n) { receiveMaximum = n; return this; }
        public Builder maximumPacketSize(int bytes) { maximumPacketSize = bytes; return this; }
        public Builder maxInFlight(int n) { maxInFlight = n; return this; }
        public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
        public Builder tls(@Nullable SSLSocketFactory factory, @Nullable SSLParameters parameters) { tls = factory; tlsParameters = parameters; return this; }
        public Builder userProperties(Map<String, String> properties) { userProperties = properties; return this; }

        public MqttConnectOptions build() {
            return new MqttConnectOptions(host, port, version, clientId, keepAlive, cleanStart, sessionExpiry, username,
                    password, will, receiveMaximum, maximumPacketSize, maxInFlight, connectTimeout, tls, tlsParameters,
                    userProperties);
        }
    }
}
