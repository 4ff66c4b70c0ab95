package dev.ferry.sink.coap.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libcoap's example server, {@code coap-server-openssl} (Debian package libcoap3-bin), as a child process on free
 * loopback ports: plain CoAP on {@link #coapPort()} and, when given certificates or a key, DTLS on
 * {@link #coapsPort()} (the next port, as libcoap does). It creates a resource for each path first PUT or POSTed to
 * ({@code -d}) and keeps the last payload, which {@link #get} reads back with {@code coap-client-openssl}; its debug
 * log shows every request's options, among them the content-format.
 */
public final class LibcoapServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Path dir;

    private LibcoapServer(Process process, int port, Path log, Path dir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.dir = dir;
    }

    public static LibcoapServer plain(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of());
    }

    /** DTLS with the server's certificate and key; client certificates must chain to {@code trustedCa}. */
    public static LibcoapServer certificates(Path dir, Path cert, Path key, Path trustedCa) throws IOException, InterruptedException {
        return start(dir, List.of("-c", cert.toString(), "-j", key.toString(), "-R", trustedCa.toString()));
    }

    /** DTLS with a pre-shared key (libcoap takes the text as the key's bytes) and an identity hint. */
    public static LibcoapServer psk(Path dir, String key, String hint) throws IOException, InterruptedException {
        return start(dir, List.of("-k", key, "-h", hint));
    }

    private static LibcoapServer start(Path dir, List<String> security) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePortPair();
            List<String> command = new ArrayList<>(List.of("coap-server-openssl", "-A", "127.0.0.1", "-p", Integer.toString(port),
                    "-d", "100", "-v", "7"));
            command.addAll(security);
            Path log = dir.resolve("coap-server-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LibcoapServer server = new LibcoapServer(process, port, log, dir);
            if (server.awaitReady()) {
                return server;
            }
            server.close();
            last = new IOException("coap-server-openssl did not start on port " + port + ":\n" + server.log());
        }
        throw last;
    }

    /** A UDP and TCP port that are free, with the next port free too (libcoap takes both). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                port = probe.getLocalPort();
            }
            if (port < 65535 && free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IOException("no two free consecutive ports on loopback");
    }

    private static boolean free(int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return udp.isBound() && tcp.isBound();
        } catch (IOException taken) {
            return false;
        }
    }

    private boolean awaitReady() throws IOException, InterruptedException {
        for (int i = 0; i < 50 && process.isAlive(); i++) {
            if (client(List.of("-m", "get", "-B", "2", "coap://127.0.0.1:" + port + "/.well-known/core")) == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    public int coapPort() {
        return port;
    }

    public int coapsPort() {
        return port + 1;
    }

    /** The payload of resource {@code path} (no leading slash), read with coap-client-openssl over plain CoAP. */
    public byte[] get(String path) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "get-", ".bin");
        int exit = client(List.of("-m", "get", "-B", "10", "-o", out.toString(), "coap://127.0.0.1:" + port + "/" + path));
        if (exit != 0) {
            throw new IOException("coap-client-openssl GET " + path + " exited with " + exit);
        }
        return Files.readAllBytes(out);
    }

    private int client(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("coap-client-openssl"));
        command.addAll(args);
        Path output = Files.createTempFile(dir, "client-", ".log");
        Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!client.waitFor(30, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            return -1;
        }
        return client.exitValue();
    }

    /** The server's log so far: one block per PDU, e.g. {@code v:1 t:CON c:POST ... Content-Format:application/senml+cbor ]}. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The log's lines of requests that carried data (POST and PUT), in order. */
    public List<String> dataRequests() throws IOException {
        return log().lines().filter(l -> l.contains(" c:POST ") || l.contains(" c:PUT ")).toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
