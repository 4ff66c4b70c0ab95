package dev.ferry.testkit.http;

import dev.ferry.api.Nullable;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real nginx ({@code /usr/sbin/nginx}) as a child process, serving the files of a folder over HTTPS on a free
 * loopback port, for download tests: it requires a client certificate signed by the given CA
 * ({@code ssl_verify_client on}) and an {@code Authorization: Bearer} header with the given token (else 401), and
 * answers {@code Range} requests as it does for any static file. Every request is logged with the range it asked
 * for, readable as {@link #requests()}.
 *
 * <p>It runs in the foreground as a single process (no master, no workers), with its configuration, logs, pid and
 * temporary folders in its own directory, so it runs as root or not without touching the system's nginx.
 *
 * <pre>{@code
 * var tls = new NginxServer.Tls(pki.caFile(), server.certFile(), server.keyFile());
 * try (NginxServer nginx = NginxServer.start(tempDir.resolve("nginx"), documentRoot, tls, "s3cret")) {
 *     ... GET nginx.uri("/ferry.bundle") with a client certificate and "Authorization: Bearer s3cret" ...
 *     assertThat(nginx.awaitRequests(1).getFirst().status()).isEqualTo(200);
 * }   // stopped and reaped; the files stay for post-mortems
 * }</pre>
 *
 * Not thread-safe: one test thread starts and closes it; {@link #requests()} may be read from any thread.
 */
public final class NginxServer implements AutoCloseable {

    /**
     * The server's TLS files, PEM.
     *
     * @param caFile the CAs that sign the client certificates nginx accepts
     * @param certFile the server's certificate (then any intermediates); it must name 127.0.0.1 to be verified
     * @param keyFile the server's private key, unencrypted
     */
    public record Tls(Path caFile, Path certFile, Path keyFile) {}

    /**
     * One line of the access log.
     *
     * @param uri the path asked for, without the query
     * @param range the {@code Range} header, null when there was none
     * @param bodyBytes the bytes of the body nginx sent (of a file, or of its error page)
     */
    public record Request(String method, String uri, int status, @Nullable String range, long bodyBytes) {}

    private static final String HOST = "127.0.0.1";
    private static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Duration START_LIMIT = Duration.ofSeconds(10);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    private static final Duration LOG_LIMIT = Duration.ofSeconds(10);
    /** RFC 6750's token characters: nothing that needs quoting in nginx's configuration. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread killOnExit;

    private NginxServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-nginx-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts nginx with its files in {@code dir} (created if missing), serving {@code root}, and waits until its
     * port accepts connections.
     *
     * @throws IllegalStateException nginx is not installed, exited during start, or did not listen in time
     */
    public static NginxServer start(Path dir, Path root, Tls tls, String bearerToken) throws IOException, InterruptedException {
        if (!TOKEN.matcher(bearerToken).matches()) {
            throw new IllegalArgumentException("a bearer token is made of letters, digits and ._~+/- (then = padding)");
        }
        String nginx = Files.isExecutable(BINARY) ? BINARY.toString() : "nginx";
        Files.createDirectories(dir.resolve("temp"));
        for (int attempt = 1; ; attempt++) {
            // The port is free when chosen but may be taken before nginx binds it: then choose again.
            int port = FreePorts.tcp();
            Path config = Files.writeString(dir.resolve("nginx.conf"), config(dir, root, tls, bearerToken, port));
            Files.deleteIfExists(errorLog(dir));
            Process process = new ProcessBuilder(nginx, "-p", dir + "/", "-e", errorLog(dir).toString(), "-c", config.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.out").toFile()))
                    .start();
            NginxServer server = new NginxServer(dir, port, process);
            try {
                if (server.awaitListening()) {
                    return server;
                }
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            server.close();
            if (attempt == PORT_ATTEMPTS || !server.log().contains("Address already in use")) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + " during start; "
                        + config + " and its log:\n" + server.log());
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(HOST, port);
    }

    /** {@code https://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("https://" + HOST + ":" + port + path);
    }

    public Path dir() {
        return dir;
    }

    /** The requests logged so far, oldest first. nginx logs a request once it has ended, so a client may be a moment ahead. */
    public List<Request> requests() {
        Path file = dir.resolve("access.log");
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(NginxServer::parse).toList() : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The requests once at least {@code count} are logged; waits up to 10 s. */
    public List<Request> awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_LIMIT.toNanos();
        List<Request> logged = requests();
        while (logged.size() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("nginx logged " + logged.size() + " requests within " + LOG_LIMIT
                        + ", not " + count + ": " + logged);
            }
            Thread.sleep(20);
            logged = requests();
        }
        return logged;
    }

    /** The error log and nginx's own output so far, for assertions and failure messages. */
    public String log() {
        return read(errorLog(dir)) + read(dir.resolve("nginx.out"));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops nginx (SIGTERM, then SIGKILL if it lingers) and waits until it exited; the files stay. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeShutdownHook();
        }
    }

    @Override
    public String toString() {
        return "nginx on " + HOST + ":" + port + (isRunning() ? "" : ", stopped");
    }

    /** @return false when nginx exited before it listened */
    private boolean awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(address(), 200);
                return true;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    return false;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("nginx did not listen on port " + port + " within " + START_LIMIT
                            + "; log:\n" + log());
                }
                Thread.sleep(20);
            }
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static String config(Path dir, Path root, Tls tls, String bearerToken, int port) {
        Path temp = dir.resolve("temp");
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %s;
                lock_file %s;
                error_log %s info;
                events { worker_connections 64; }
                http {
                    default_type application/octet-stream;
                    client_body_temp_path %s;
                    proxy_temp_path %s;
                    fastcgi_temp_path %s;
                    uwsgi_temp_path %s;
                    scgi_temp_path %s;
                    log_format ferry '$request_method\\t$uri\\t$status\\t$http_range\\t$body_bytes_sent';
                    access_log %s ferry;
                    server {
                        listen %s:%d ssl;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        ssl_client_certificate %s;
                        ssl_verify_client on;
                        root %s;
                        location / {
                            if ($http_authorization != "Bearer %s") { return 401; }
                        }
                    }
                }
                """.formatted(quoted(dir.resolve("nginx.pid")), quoted(dir.resolve("nginx.lock")), quoted(errorLog(dir)),
                quoted(temp.resolve("client_body")), quoted(temp.resolve("proxy")), quoted(temp.resolve("fastcgi")),
                quoted(temp.resolve("uwsgi")), quoted(temp.resolve("scgi")), quoted(dir.resolve("access.log")),
                HOST, port, quoted(tls.certFile()), quoted(tls.keyFile()), quoted(tls.caFile()), quoted(root), bearerToken);
    }

    /** A path as a quoted nginx string; {@code $} would start a variable and {@code "} end the string. */
    private static String quoted(Path path) {
        String text = path.toAbsolutePath().toString();
        if (text.contains("\"") || text.contains("$") || text.contains("\\")) {
            throw new IllegalArgumentException("nginx cannot be given the path " + text);
        }
        return "\"" + text + "\"";
    }

    private static Path errorLog(Path dir) {
        return dir.resolve("error.log");
    }

    private static Request parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5) {
            throw new IllegalStateException("not a line of the access log format: " + line);
        }
        return new Request(fields[0], fields[1], Integer.parseInt(fields[2]), fields[3].equals("-") ? null : fields[3],
                Long.parseLong(fields[4]));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
