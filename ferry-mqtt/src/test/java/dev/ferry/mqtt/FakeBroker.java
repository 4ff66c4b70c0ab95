package dev.ferry.mqtt;

import dev.ferry.mqtt.internal.Packet;
import dev.ferry.mqtt.internal.PacketEncoder;
import dev.ferry.mqtt.internal.PacketReader;
import dev.ferry.mqtt.internal.Properties;
import dev.ferry.mqtt.internal.WireWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * A scripted broker on a loopback port for tests of how the client copes with a broker that misbehaves: each test
 * gives a script that gets the accepted connection and does what it likes, correct or not.
 */
final class FakeBroker implements AutoCloseable {

    /** The server side of one connection. */
    static final class Session {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final MqttVersion version;
        private final PacketReader reader;

        Session(Socket socket, MqttVersion version) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.version = version;
            this.reader = new PacketReader(in, MqttConnectOptions.LARGEST_PACKET);
        }

        /** The next packet from the client; null when it closed the connection. */
        Packet read() throws IOException {
            return reader.read(version);
        }

        <T extends Packet> T read(Class<T> type) throws IOException {
            Packet p = read();
            if (!type.isInstance(p)) {
                throw new AssertionError("expected " + type.getSimpleName() + " from the client, got " + p);
            }
            return type.cast(p);
        }

        void send(Packet packet) throws IOException {
            WireWriter w = new WireWriter(64);
            PacketEncoder.encode(packet, version, w);
            w.drainTo(out, 64);
        }

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
        }

        /** Reads CONNECT and accepts it with these CONNACK properties. */
        Packet.Connect accept(Properties connackProperties) throws IOException {
            Packet.Connect connect = read(Packet.Connect.class);
            send(new Packet.Connack(false, 0, connackProperties));
            return connect;
        }

        Packet.Connect accept() throws IOException {
            return accept(Properties.NONE);
        }
    }

    interface Script {
        void run(Session session) throws Exception;
    }

    private final ServerSocket server;
    private final MqttVersion version;
    private final CompletableFuture<Void> done;

    private FakeBroker(MqttVersion version, Script script) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.version = version;
        this.done = CompletableFuture.runAsync(() -> {
            try (Socket socket = server.accept()) {
                script.run(new Session(socket, version));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
    }

    static FakeBroker start(MqttVersion version, Script script) throws IOException {
        return new FakeBroker(version, script);
    }

    MqttConnectOptions.Builder options() {
        return MqttConnectOptions.builder(InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort())
                .version(version).clientId("evil-broker-test").connectTimeout(Duration.ofSeconds(5));
    }

    /** Waits for the script to finish and rethrows what it threw. */
    void awaitScript() throws Exception {
        done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
