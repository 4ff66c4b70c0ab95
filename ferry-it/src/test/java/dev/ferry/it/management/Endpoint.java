package dev.ferry.it.management;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The management endpoint of an agent under test, and reading single values out of its Prometheus exposition. */
public record Endpoint(int port) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status code of {@code path}; -1 while the endpoint does not answer. */
    public int status(String path) {
        try {
            return get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** True once the endpoint answers at all. */
    public boolean up() {
        try {
            return get("/health").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** The value of one series, written as in the exposition, e.g. {@code ferry_sink_lag_readings{sink="cloud"}}. */
    public double metric(String series) throws Exception {
        String body = get("/metrics").body();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
        if (!m.find()) {
            throw new AssertionError(series + " is not in the metrics:\n" + body);
        }
        return Double.parseDouble(m.group(1));
    }
}
