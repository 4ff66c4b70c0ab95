package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.ConnackInfo;
import dev.ferry.mqtt.MqttConnectOptions;
import dev.ferry.mqtt.MqttConnectRefusedException;
import dev.ferry.mqtt.MqttVersion;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/** Opens the socket (TCP, then TLS if asked), sends CONNECT and reads CONNACK, all within the connect timeout. */
final class Handshake {

    /** What an opened connection starts from. {@code tcp} is the plain socket under {@code socket} (the same one without TLS). */
    record Opened(Socket tcp, Socket socket, OutputStream out, PacketReader reader, WireWriter buffer, ConnackInfo connack) {}

    private static final int READ_BUFFER = 8 * 1024;

    private Handshake() {}

    static Opened open(MqttConnectOptions o) throws IOException {
        String broker = o.host() + ":" + o.port();
        long deadline = System.nanoTime() + o.connectTimeout().toNanos();
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true); // the writer batches by itself
            tcp.setKeepAlive(true);
            tcp.connect(new InetSocketAddress(o.host(), o.port()), millisLeft(deadline, broker, "TCP connect"));
            Socket socket = tcp;
            if (o.tls() != null) {
                socket = startTls(o, tcp, broker, deadline);
            }
            socket.setSoTimeout(millisLeft(deadline, broker, "CONNACK"));
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER);
            WireWriter buffer = new WireWriter(READ_BUFFER);
            PacketEncoder.encode(ConnectPacket.of(o), o.version(), buffer);
            buffer.drainTo(out, READ_BUFFER);
            PacketReader reader = new PacketReader(in, o.maximumPacketSize());
            Packet first = reader.read(o.version());
            if (first == null) {
                throw new EOFException("MQTT broker " + broker + " closed the connection instead of answering CONNECT"
                        + (o.version() == MqttVersion.V5 ? "; a broker that speaks only MQTT 3.1.1 does that, try version 3.1.1" : ""));
            }
            if (!(first instanceof Packet.Connack connack)) {
                throw MalformedPacketException.protocolError("it answered CONNECT with " + first.type());
            }
            boolean refused = o.version() == MqttVersion.V5 ? connack.reasonCode() >= 0x80 : connack.reasonCode() != 0;
            if (refused) {
                throw new MqttConnectRefusedException(broker, o.version(), connack.reasonCode(),
                        connack.properties().string(PropertyId.REASON_STRING));
            }
            socket.setSoTimeout(0);
            return new Opened(tcp, socket, out, reader, buffer, ConnectPacket.connackInfo(connack, o));
        } catch (SocketTimeoutException e) {
            closeQuietly(tcp);
            throw new SocketTimeoutException("MQTT broker " + broker + " did not complete TCP connect, TLS handshake and CONNACK within "
                    + readable(o.connectTimeout()) + "; check that it runs and that host and port are right");
        } catch (ConnectException | UnknownHostException e) {
            closeQuietly(tcp);
            throw new IOException("cannot reach MQTT broker " + broker + ": " + e.getMessage()
                    + "; check that it runs and that host and port are right", e);
        } catch (MalformedPacketException e) {
            closeQuietly(tcp);
            throw new IOException("MQTT broker " + broker + " broke the protocol while connecting: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(tcp);
            throw e;
        }
    }

    private static Socket startTls(MqttConnectOptions o, Socket tcp, String broker, long deadline) throws IOException {
        // Layered on the connected socket, so the host name is known for SNI and endpoint identification.
        SSLSocket ssl = (SSLSocket) o.tls().createSocket(tcp, o.host(), o.port(), true);
        if (o.tlsParameters() != null) {
            ssl.setSSLParameters(o.tlsParameters());
        }
        ssl.setSoTimeout(millisLeft(deadline, broker, "TLS handshake"));
        try {
            ssl.startHandshake();
        } catch (SSLHandshakeException e) {
            throw new SSLHandshakeException("TLS handshake with MQTT broker " + broker + " failed: " + e.getMessage()
                    + "; check that the trust store holds the broker's CA, that the broker accepts our certificate, and the TLS versions",
                    e);
        } catch (SSLException e) {
            throw new SSLException("TLS with MQTT broker " + broker + " failed: " + e.getMessage()
                    + "; check that the port speaks TLS", e);
        }
        return ssl;
    }

    private static int millisLeft(long deadline, String broker, String step) throws SocketTimeoutException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("MQTT broker " + broker + ": connect timeout before " + step);
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the connection is over either way
        }
    }

    /** {@code 10s} or {@code 300ms}, as durations are written in Ferry's config. */
    private static String readable(java.time.Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
