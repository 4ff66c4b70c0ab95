package dev.ferry.update;

import dev.ferry.api.Nullable;
import dev.ferry.update.BundleRefused.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Downloads an update bundle over HTTPS. A client certificate (in the {@link SSLContext}) and a bearer token say
 * who asks; HTTP {@code Range} continues a download that was cut, because a gateway's link may drop several times
 * during a large one; a size cap, an overall timeout and an idle limit bound what a bad server or network can cost.
 * What lands in the file is unchecked: {@link BundleVerifier} must accept it before anything uses it.
 *
 * <p>Failures are for an operator to read: they name the URL without its query (a pre-signed URL carries its
 * signature there) and never the token. What a retry may cure (the network, timeouts, 5xx) is an
 * {@link IOException}; what it cannot (the server refuses, the bundle is too large) is a {@link BundleRefused}.
 */
public final class BundleDownload {

    /** How long no byte may arrive before a download counts as stuck, unless told otherwise. */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(30);

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-\\d+|\\*)/(\\d+|\\*)");
    /** What a header may carry; checked here because the JDK's own check puts the offending value in its message. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

    /**
     * Where from and how.
     *
     * @param uri an {@code https} URI; its query is sent but never shown
     * @param tls the CAs to trust and the client certificate; null for the JVM's default trust and no certificate
     * @param bearerToken sent as {@code Authorization: Bearer}; null to send none
     */
    public record Source(URI uri, @Nullable SSLContext tls, @Nullable String bearerToken) {

        public Source {
            Objects.requireNonNull(uri, "uri");
            if (bearerToken != null && !TOKEN.matcher(bearerToken).matches()) {
                throw new IllegalArgumentException("the bearer token holds characters an HTTP header cannot carry");
            }
        }

        /** The token is a secret: never shown. */
        @Override
        public String toString() {
            return "Source[" + shown(uri) + (tls == null ? "" : ", own TLS") + (bearerToken == null ? "" : ", token") + "]";
        }
    }

    /** Told of the bytes in the file, once at the start and after each read, on the downloading thread. */
    @FunctionalInterface
    public interface Progress {

        Progress NONE = (received, total) -> {};

        /**
         * @param received the bytes in the file, including those an earlier, cut download left
         * @param total the bundle's size, or -1 while the server has not told it
         */
        void at(long received, long total);
    }

    private BundleDownload() {}

    /** {@link #fetch(Source, Path, long, Duration, Duration, Progress)} with the {@link #DEFAULT_IDLE_LIMIT}. */
    public static Path fetch(Source source, Path partial, long maxBytes, Duration timeout, Progress progress)
            throws IOException, BundleRefused, InterruptedException {
        return fetch(source, partial, maxBytes, timeout, DEFAULT_IDLE_LIMIT, progress);
    }

    /**
     * Downloads the bundle into {@code partial} and returns {@code partial}. Bytes already there, left by an earlier
     * download that was cut, are continued from ({@code Range: bytes=N-}): a 206 from N appends, a 200 starts over,
     * a 416 ends at once when the file is whole and starts over when it is longer than the bundle. A failed download
     * leaves what it received for the next call to continue from.
     *
     * @param partial the file to download into; its directory must exist
     * @param maxBytes the largest bundle accepted; a larger one is refused as soon as the server's headers or the
     *     bytes received tell, and the file is deleted
     * @param timeout bounds the whole call
     * @param idleLimit how long no byte may come, whether before the server's answer or within it
     * @throws BundleRefused {@link Reason#TOO_LARGE}; or {@link Reason#DOWNLOAD_REFUSED} for a URI that is not
     *     {@code https} and for a 3xx or 4xx answer but 408 and 429 (redirects are not followed, so that the token
     *     reaches no other server)
     * @throws IOException the network, the TLS handshake, the timeout, the idle limit, a 5xx, 408 or 429 answer
     */
    public static Path fetch(Source source, Path partial, long maxBytes, Duration timeout, Duration idleLimit,
            Progress progress) throws IOException, BundleRefused, InterruptedException {
        URI uri = source.uri();
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new BundleRefused(Reason.DOWNLOAD_REFUSED, "updates are downloaded over HTTPS only, not " + shown(uri));
        }
        if (uri.getHost() == null) {
            throw new BundleRefused(Reason.DOWNLOAD_REFUSED, "the update URL " + shown(uri) + " names no host");
        }
        if (maxBytes <= 0 || !timeout.isPositive() || !idleLimit.isPositive()) {
            throw new IllegalArgumentException("maxBytes, timeout and idleLimit must be positive");
        }
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // HTTP/2's streams bring nothing to one large body
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(idleLimit);
        if (source.tls() != null) {
            client.sslContext(source.tls());
        }
        Download download = new Download(source, partial, maxBytes, timeout, idleLimit, progress);
        HttpClient http = client.build();
        try {
            // false once at most: the file did not fit the bundle (replaced by a smaller one?) and was deleted
            if (!download.once(http)) {
                download.once(http);
            }
            return partial;
        } catch (BundleRefused e) {
            if (e.reason() == Reason.TOO_LARGE) {
                Files.deleteIfExists(partial);
            }
            throw e;
        } finally {
            http.shutdownNow();
        }
    }

    /** One call's state; a {@link #once} per request. */
    private static final class Download {

        private final Source source;
        private final String url;
        private final Path partial;
        private final long maxBytes;
        private final Duration timeout;
        private final Duration idleLimit;
        private final long deadline;
        private final Progress progress;

        Download(Source source, Path partial, long maxBytes, Duration timeout, Duration idleLimit, Progress progress) {
            this.source = source;
            this.url = shown(source.uri());
            this.partial = partial;
            this.maxBytes = maxBytes;
            this.timeout = timeout;
            this.idleLimit = idleLimit;
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.progress = progress;
        }

        /** @return false when the file was longer than the bundle and is deleted now, to start over */
        boolean once(HttpClient http) throws IOException, BundleRefused, InterruptedException {
            long have = Files.exists(partial) ? Files.size(partial) : 0;
            if (have > maxBytes) {
                throw tooLarge(have + " bytes of it are downloaded already");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("the download of " + url + " did not finish within " + human(timeout));
            }
            Duration wait = Duration.ofNanos(Math.min(left, idleLimit.toNanos()));
            HttpRequest.Builder request = HttpRequest.newBuilder(source.uri()).timeout(wait);
            if (source.bearerToken() != null) {
                request.header("Authorization", "Bearer " + source.bearerToken());
            }
            // No If-Range: a bundle replaced between two attempts makes a mix that fails the signature check.
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new IOException("cannot download " + url + ": " + unreachable(e, wait), e);
            }
            try (InputStream body = response.body(); Watchdog watchdog = new Watchdog(body)) {
                long total;
                switch (response.statusCode()) {
                    case 200 -> {
                        total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                        have = 0;
                    }
                    case 206 -> {
                        Matcher range = contentRange(response);
                        if (range == null || range.group(1) == null || Long.parseLong(range.group(1)) != have) {
                            throw new IOException("the update server answered a request for bytes " + have
                                    + "- of " + url + " with Content-Range: "
                                    + response.headers().firstValue("Content-Range").orElse("(none)"));
                        }
                        total = "*".equals(range.group(2)) ? -1 : Long.parseLong(range.group(2));
                    }
                    case 416 -> {
                        Matcher range = contentRange(response);
                        if (have > 0 && range != null && range.group(2).equals(Long.toString(have))) {
                            progress.at(have, have);
                            return true;
                        }
                        if (have > 0) {
                            Files.delete(partial);
                            return false;
                        }
                        throw answer(416, body);
                    }
                    default -> throw answer(response.statusCode(), body);
                }
                if (total > maxBytes) {
                    throw tooLarge("it is " + total + " bytes");
                }
                receive(body, watchdog, have, total);
                return true;
            }
        }

        private void receive(InputStream body, Watchdog watchdog, long from, long total)
                throws IOException, BundleRefused, InterruptedException {
            long received = from;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                progress.at(received, total);
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = read(body, buffer, watchdog, received, total)) >= 0; ) {
                    if (received + n > maxBytes) {
                        throw tooLarge("more than " + maxBytes + " bytes arrived");
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    try {
                        while (chunk.hasRemaining()) {
                            out.write(chunk);
                        }
                    } catch (IOException e) {
                        throw new IOException("cannot write the download of " + url + " to " + partial + ": " + e.getMessage(), e);
                    }
                    received += n;
                    progress.at(received, total);
                }
            }
            if (total >= 0 && received != total) {
                throw new IOException("the download of " + url + " ended after " + received + " of " + total
                        + " bytes; they are kept for the next attempt");
            }
        }

        /** One read of the body; a failure tells how far the download came, as those bytes stay for the next attempt. */
        private int read(InputStream body, byte[] buffer, Watchdog watchdog, long received, long total)
                throws IOException, InterruptedException {
            try {
                int n = body.read(buffer);
                watchdog.alive();
                return n;
            } catch (IOException e) {
                if (Thread.interrupted()) {
                    InterruptedException interrupted = new InterruptedException("the download of " + url + " was interrupted");
                    interrupted.initCause(e);
                    throw interrupted;
                }
                String why = watchdog.expired != null ? watchdog.expired : "broke off (" + brokenBy(e) + ")";
                throw new IOException("the download of " + url + " " + why + " after " + received
                        + (total < 0 ? "" : " of " + total) + " bytes; they are kept for the next attempt", e);
            }
        }

        private BundleRefused tooLarge(String detail) {
            return new BundleRefused(Reason.TOO_LARGE, "the bundle at " + url + " is larger than the " + maxBytes
                    + " bytes allowed: " + detail);
        }

        /**
         * For an answer other than the bundle, with the status line as the server wrote it if it did.
         *
         * @return the failure to throw when a retry may cure it
         * @throws BundleRefused when it cannot
         */
        private IOException answer(int status, InputStream body) throws BundleRefused {
            String line = statusLine(status, body, source.bearerToken());
            if (status >= 300 && status < 500 && status != 408 && status != 429) {
                String redirect = status < 400 ? "; redirects are not followed, so that the token reaches no other server" : "";
                throw new BundleRefused(Reason.DOWNLOAD_REFUSED, "the update server refused the download of " + url
                        + ": " + line + hint(status) + redirect);
            }
            return new IOException("the update server answered the download of " + url + " with " + line);
        }

        /** Closes the body when no byte came for the idle limit or the time is up: a blocked read then fails. */
        private final class Watchdog implements AutoCloseable {

            private final Thread thread;
            private volatile long lastByte = System.nanoTime();
            volatile @Nullable String expired;

            Watchdog(InputStream body) {
                thread = Thread.ofVirtual().name("bundle-download-watchdog").start(() -> {
                    try {
                        while (expired == null) {
                            long now = System.nanoTime();
                            long idleEnd = lastByte + idleLimit.toNanos();
                            if (now - deadline >= 0) {
                                expired = "did not finish within " + human(timeout);
                            } else if (now - idleEnd >= 0) {
                                expired = "stalled (no byte for " + human(idleLimit) + ")";
                            } else {
                                Thread.sleep(Duration.ofNanos(Math.min(deadline - now, idleEnd - now)));
                            }
                        }
                        body.close();
                    } catch (InterruptedException | IOException finished) {
                        // the download ended first, or the body is closed anyway
                    }
                });
            }

            void alive() {
                lastByte = System.nanoTime();
            }

            @Override
            public void close() {
                thread.interrupt();
            }
        }
    }

    private static @Nullable Matcher contentRange(HttpResponse<?> response) {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return range.matches() ? range : null;
    }

    /**
     * The server's own status line when its error page starts with the status (nginx's titles do, and say more
     * than the reason phrase: "400 No required SSL certificate was sent"), else the status and its phrase.
     */
    private static String statusLine(int status, InputStream body, @Nullable String token) {
        String page;
        try {
            page = new String(body.readNBytes(1024), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            page = "";
        }
        Matcher title = TITLE.matcher(page);
        String said = (title.find() ? title.group(1) : page.lines().findFirst().orElse(""))
                .replaceAll("\\p{Cntrl}", " ").strip();
        if (token != null) {
            said = said.replace(token, "(token)");
        }
        if (said.startsWith(status + " ") && said.length() <= 120) {
            return said;
        }
        String phrase = switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return (status + " " + phrase).strip();
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (is the token right, and still valid?)";
            case 403 -> " (is the token's scope agent:update?)";
            case 404, 410 -> " (is the URL right?)";
            default -> "";
        };
    }

    /**
     * Why no answer came, in a few words. The JDK's HTTP client wraps the cause that tells in exceptions that repeat
     * it or say nothing (a refused connection is a {@code ConnectException} without a message), so this looks for it.
     */
    private static String unreachable(Throwable failure, Duration waited) {
        String tls = "";
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "no connection within " + human(waited);
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer within " + human(waited);
            }
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (cause instanceof SSLHandshakeException) {
                tls = "TLS handshake failed: ";
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return tls + (message != null ? message : "cannot connect");
    }

    /** Why a connection broke in the middle of the body, in a few words, looked for as by {@link #unreachable}. */
    private static String brokenBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if ((cause instanceof SocketException || cause instanceof SSLException) && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        // what remains is an end of stream before the length announced, in the words of the TLS or HTTP layer
        return "the connection ended early";
    }

    /** The URL to show: without user info or query, which may hold secrets. */
    private static String shown(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? path : uri.getScheme() + ":" + path;
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    private static String human(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.plusMillis(999).toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
