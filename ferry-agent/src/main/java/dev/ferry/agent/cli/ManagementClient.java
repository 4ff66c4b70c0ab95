package dev.ferry.agent.cli;

import dev.ferry.agent.JsonTree;
import dev.ferry.api.Nullable;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.net.ListenAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/**
 * Asks the agent that runs a config, at the management address that config names. Every failure a user can meet
 * (agent not running, endpoint off, refused token) comes out as one clear message.
 */
final class ManagementClient {

    static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);

    private final URI base;
    private final @Nullable String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_LIMIT).build();

    private ManagementClient(URI base, @Nullable String token) {
        this.base = base;
        this.token = token;
    }

    /** A client for the agent that runs this config, by its {@code management:} section alone. */
    static ManagementClient of(ConfigOption config, @Nullable String token)
            throws AgentUnreachable, ConfigException, IOException {
        ManagementAddress address = ManagementAddress.of(config, System.getenv());
        if (!address.enabled()) {
            throw new AgentUnreachable("the config turns the agent's management endpoint off (management.enabled: false)");
        }
        if (address.listen().port() == 0) {
            throw new AgentUnreachable("management.listen is " + address.listen() + ", any free port, so the agent's port"
                    + " cannot be known from the config; give it a fixed port");
        }
        return new ManagementClient(baseUri(address.listen()), token);
    }

    /** Where to connect for an endpoint listening there: a wildcard address is reached through loopback. */
    static URI baseUri(ListenAddress listen) {
        String host = switch (listen.host()) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::" -> "[::1]";
            default -> listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
        };
        return URI.create("http://" + host + ":" + listen.port());
    }

    URI base() {
        return base;
    }

    byte[] get(String path) throws AgentUnreachable, AccessRefused, IOException, InterruptedException {
        return send(request(path, ANSWER_LIMIT).GET());
    }

    /** A POST that may take {@code working} before it answers, such as a diagnostics recording. */
    HttpResponse<byte[]> post(String path, Duration working) throws AgentUnreachable, AccessRefused, IOException, InterruptedException {
        return exchange(request(path, working.plus(Duration.ofMinutes(1))).POST(HttpRequest.BodyPublishers.noBody()), Set.of());
    }

    /**
     * A POST whose answer is read also when its status is one of {@code answered} (an outcome that is not a success,
     * such as a refused reload, still has a body worth showing).
     */
    HttpResponse<byte[]> post(String path, Duration working, Set<Integer> answered)
            throws AgentUnreachable, AccessRefused, IOException, InterruptedException {
        return exchange(request(path, working.plus(Duration.ofMinutes(1))).POST(HttpRequest.BodyPublishers.noBody()), answered);
    }

    private HttpRequest.Builder request(String path, Duration limit) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(limit);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private byte[] send(HttpRequest.Builder request) throws AgentUnreachable, AccessRefused, IOException, InterruptedException {
        return exchange(request, Set.of()).body();
    }

    private HttpResponse<byte[]> exchange(HttpRequest.Builder request, Set<Integer> answered)
            throws AgentUnreachable, AccessRefused, IOException, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new AgentUnreachable("cannot reach the agent at " + base + ": connection refused; is `ferry run` running"
                    + " with this config?");
        } catch (HttpTimeoutException e) {
            throw new AgentUnreachable("the agent at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new AgentUnreachable("cannot reach the agent at " + base + ": " + e.getMessage());
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AccessRefused("the agent at " + base + " refused: " + JsonTree.errorOf(response.body())
                    + (token == null ? "; give a token with --token or " + AgentConnection.TOKEN_VARIABLE : ""));
        }
        if (status >= 400 && status != 503 && !answered.contains(status)) {   // 503 still carries a status: that of an agent not ready
            throw new IOException("the agent at " + base + " answered " + status + ": " + JsonTree.errorOf(response.body()));
        }
        return response;
    }
}
