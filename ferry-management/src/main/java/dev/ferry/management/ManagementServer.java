package dev.ferry.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ferry.api.Health;
import dev.ferry.api.Nullable;
import dev.ferry.management.auth.Authenticator;
import dev.ferry.management.auth.Decision;
import dev.ferry.management.auth.Scope;
import dev.ferry.management.dashboard.DashboardAssets;
import dev.ferry.management.dashboard.History;
import dev.ferry.management.diagnostics.DiagnosticsRequest;
import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.management.diagnostics.SupportBundle;
import dev.ferry.management.internal.JsonWriter;
import dev.ferry.management.internal.MetricsExposition;
import dev.ferry.management.internal.QueryParameters;
import dev.ferry.management.internal.Readiness;
import dev.ferry.management.internal.SinkRates;
import dev.ferry.management.internal.Snapshot;
import dev.ferry.management.internal.StatusJson;
import dev.ferry.runtime.config.ManagementSettings;
import dev.ferry.runtime.net.ListenAddress;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import dev.ferry.tls.ClientTls;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import dev.ferry.tls.TlsIdentity;
import dev.ferry.tls.TlsSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's management endpoint, on the JDK's HTTP server with a virtual thread per request:
 * <ul>
 *   <li>{@code GET /health}: liveness, 200 while the agent runs and its log takes appends, else 503 with the reason;
 *   <li>{@code GET /ready}: 200 when every source and sink (or those of {@code ready_requires}) is UP, else 503
 *       naming each that is not, with its state, reason and since-when;
 *   <li>{@code GET /status}: the agent, the log and every component as JSON;
 *   <li>{@code GET /metrics}: Prometheus text exposition, OpenMetrics when asked for;
 *   <li>{@code GET /history}: the dashboard's hour of samples as JSON, {@code ?after=<epoch seconds>} for the newer ones;
 *   <li>{@code GET /}: the dashboard, with its files under {@code /dashboard/}.
 *   <li>{@code POST /diagnostics?duration=30s}: a support bundle (zip) with a flight recording of that length; it
 *       always needs a token with {@code agent:diagnose}, on loopback too, as the bundle shows the agent's insides.
 *   <li>{@code POST /reload[?config=<file>]}: reads the config file again and applies what changed; always needs a
 *       token with {@code config:write}. Answers the outcome as JSON: 200 applied or unchanged, 422 refused (the
 *       file's problems listed), 409 rolled back.
 *   <li>{@code POST /update?bundle=<https URL or file>[&retry_rolled_back=true][&stage=true]}: installs a signed
 *       bundle and switches to it (or, with {@code stage}, installs it for a later SIGUSR2), when the config has an
 *       {@code update:} section; always needs a token with {@code agent:update}. Answers 202 once the update
 *       started; {@code /status} follows it.
 * </ul>
 * Every answer on the agent's state is made from one {@link Snapshot} taken for the request; besides the dashboard's
 * one small sample every ten seconds, nothing is computed while nobody asks.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Agent agent;
    private volatile AgentFacts facts;
    private final ManagementSettings settings;
    private final Clock clock;
    private final SinkRates rates = new SinkRates();
    private final Authenticator authenticator;
    private final History history;
    private final DashboardAssets assets = new DashboardAssets();
    private volatile @Nullable DiagnosticsSources diagnostics;
    private final @Nullable ReloadRequests reloads;
    private volatile @Nullable UpdateRequests updates;
    private final AtomicBoolean diagnosing = new AtomicBoolean();

    private ManagementServer(HttpServer server, ExecutorService executor, Agent agent, AgentFacts facts,
            ManagementSettings settings, Clock clock, Authenticator authenticator, @Nullable DiagnosticsSources diagnostics,
            @Nullable ReloadRequests reloads) {
        this.authenticator = authenticator;
        this.reloads = reloads;
        this.history = History.start(agent, clock);
        this.diagnostics = diagnostics;
        this.server = server;
        this.executor = executor;
        this.agent = agent;
        this.facts = facts;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Binds and starts the endpoint.
     *
     * @throws IOException the address cannot be bound; the message names the address and, for a port in use, says so
     */
    public static ManagementServer start(ManagementSettings settings, Agent agent, AgentFacts facts, Clock clock)
            throws IOException {
        return start(settings, agent, facts, clock, null);
    }

    /**
     * As {@link #start(ManagementSettings, Agent, AgentFacts, Clock)}, also serving {@code POST /diagnostics} with
     * what {@code diagnostics} gives; without it, that endpoint answers 404.
     */
    public static ManagementServer start(ManagementSettings settings, Agent agent, AgentFacts facts, Clock clock,
            @Nullable DiagnosticsSources diagnostics) throws IOException {
        return start(settings, agent, facts, clock, diagnostics, null);
    }

    /**
     * As {@link #start(ManagementSettings, Agent, AgentFacts, Clock, DiagnosticsSources)}, also serving
     * {@code POST /reload} through {@code reloads}; without it, that endpoint answers 404.
     */
    public static ManagementServer start(ManagementSettings settings, Agent agent, AgentFacts facts, Clock clock,
            @Nullable DiagnosticsSources diagnostics, @Nullable ReloadRequests reloads) throws IOException {
        ListenAddress address = ListenAddress.parse(settings.listen());
        Authenticator authenticator;
        try {
            authenticator = Authenticator.of(settings.authOrNone(), agent.config()::resolve, clock);
        } catch (IllegalArgumentException e) {
            throw new IOException("management endpoint: management.auth." + e.getMessage(), e);
        }
        HttpServer server;
        try {
            server = settings.tls() == null ? HttpServer.create(address.socketAddress(), 16)
                    : https(address, settings.tls(), agent, clock);
        } catch (BindException e) {
            throw new IOException("management endpoint: cannot listen on " + address + ": the port is already in use by"
                    + " another program (set management.listen to another port, or management.enabled: false)", e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        ManagementServer management = new ManagementServer(server, executor, agent, facts, settings, clock, authenticator,
                diagnostics, reloads);
        // Liveness and readiness are probed often: they read the two facts they need, not a whole snapshot.
        server.createContext("/health", exchange -> management.answer(exchange, null, exactly(management::health)));
        server.createContext("/ready", exchange -> management.answer(exchange, Scope.AGENT_READ, exactly(management::ready)));
        server.createContext("/status", exchange -> management.answer(exchange, Scope.AGENT_READ, management::status));
        server.createContext("/metrics", exchange -> management.answer(exchange, Scope.AGENT_READ, management::metrics));
        server.createContext("/history", exchange -> management.answer(exchange, Scope.AGENT_READ, management::historyJson));
        if (diagnostics != null) {
            server.createContext("/diagnostics", management::diagnose);
        }
        if (reloads != null) {
            server.createContext("/reload", management::reload);
        }
        server.createContext("/", exchange -> management.answer(exchange, null, management::dashboardFile));
        server.start();
        log.info("management endpoint on {}://{}/ (dashboard, health, ready, status, metrics{})",
                settings.tls() == null ? "http" : "https", address(server.getAddress()), diagnostics == null ? "" : ", diagnostics");
        return management;
    }

    /** HTTPS with the endpoint's own certificate; clients prove who they are with tokens, not certificates. */
    private static HttpsServer https(ListenAddress address, TlsConfig tls, Agent agent, Clock clock) throws IOException {
        TlsIdentity identity;
        try {
            identity = ClientTls.load(tls, new TlsSetup("management endpoint", "management.tls", agent.config()::resolve,
                    clock, event -> { })).current();
        } catch (TlsConfigException e) {
            throw new IOException("management endpoint: " + e.getMessage(), e);
        }
        HttpsServer server = HttpsServer.create(address.socketAddress(), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(identity.context()));
        return server;
    }

    private static String address(InetSocketAddress bound) {
        String host = bound.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /** Where it listens; the port is the one bound, also when the config asked for port 0. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @param headers besides Content-Type; every answer about the agent's state is {@code no-store} */
    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of("Cache-Control", "no-store"));
        }
    }

    private static final Answer NOT_FOUND = new Answer(404, JSON,
            error("no such resource; try / (the dashboard), /health, /ready, /status, /metrics or /history"));

    private interface Handler {
        Answer handle(HttpExchange exchange) throws IOException;
    }

    private interface SnapshotHandler {
        Answer handle(HttpExchange exchange, Snapshot snapshot) throws IOException;
    }

    /** For the endpoints that show the agent's figures: a snapshot is taken for each request to them. */
    private void answer(HttpExchange exchange, @Nullable Scope scope, SnapshotHandler handler) throws IOException {
        answer(exchange, scope, exactly(request -> handler.handle(request, snapshot())));
    }

    /** The handler for its own path only; a longer path under it is not found. */
    private static Handler exactly(Handler handler) {
        return request -> request.getRequestURI().getPath().equals(request.getHttpContext().getPath())
                ? handler.handle(request) : NOT_FOUND;
    }

    /**
     * Answers a request: refused with 401 or 403 when tokens are configured and it lacks one with {@code scope} (the
     * reason never quotes the token, and no token is logged); else from a fresh snapshot.
     *
     * @param scope what the endpoint needs; null for one anybody who can connect may ask ({@code /health})
     */
    private void answer(HttpExchange exchange, @Nullable Scope scope, Handler handler) throws IOException {
        try (exchange) {
            if (scope != null && authenticator.configured() && refused(exchange, scope) != null) {
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, new Answer(405, JSON, error("only GET and HEAD are served here")));
                return;
            }
            Answer answer;
            try {
                answer = handler.handle(exchange);
            } catch (RuntimeException e) {
                log.warn("management endpoint: {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
                answer = new Answer(500, JSON, error("the agent could not answer: " + e.getMessage()));
            }
            send(exchange, answer);
        }
    }

    /** Answers 401 or 403 and returns the decision when the request's token does not grant {@code scope}; else null. */
    private @Nullable Decision refused(HttpExchange exchange, Scope scope) throws IOException {
        Decision decision = authenticator.decide(exchange.getRequestHeaders().getFirst("Authorization"), scope);
        if (decision.allowed()) {
            return null;
        }
        if (decision.challenge() != null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", decision.challenge());
        }
        send(exchange, new Answer(decision.status(), JSON, error(decision.reason())));
        return decision;
    }

    /**
     * The checks every endpoint that acts makes: a token is configured and the request's grants {@code scope}, and
     * the method is POST. Answers and returns false when one fails.
     */
    private boolean mayAct(HttpExchange exchange, Scope scope, String what, String usage) throws IOException {
        if (!authenticator.configured()) {
            send(exchange, new Answer(403, JSON, error(what + " always need a token with " + scope.text()
                    + ", and none is configured; add one under management.auth.tokens")));
            return false;
        }
        if (refused(exchange, scope) != null) {
            return false;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, new Answer(405, JSON, error(usage)));
            return false;
        }
        return true;
    }

    private void reload(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exactPath(exchange) || !mayAct(exchange, Scope.CONFIG_WRITE, "reloads", "ask for a reload with POST /reload")) {
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            java.nio.file.Path asked = query != null && query.startsWith("config=")
                    ? java.nio.file.Path.of(query.substring("config=".length())) : null;
            ReloadOutcome outcome = reloads.reload("POST /reload", asked);
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            try (JsonWriter json = new JsonWriter(out)) {
                StatusJson.reload(json, outcome);
            }
            int status = switch (outcome.result()) {
                case APPLIED, UNCHANGED -> 200;
                case REFUSED -> 422;
                case ROLLED_BACK -> 409;
            };
            send(exchange, new Answer(status, JSON, out.toByteArray()));
        }
    }

    /** Answers 404 for a longer path under an endpoint's own; true for the path itself. */
    private static boolean exactPath(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
            return true;
        }
        send(exchange, NOT_FOUND);
        return false;
    }

    /**
     * Serves {@code POST /update?bundle=URL-or-file[&retry_rolled_back=true][&stage=true]} through {@code updates}, which needs a
     * token with {@code agent:update}, and shows the update's state in {@code /status} and {@code /metrics}.
     */
    public void serveUpdates(UpdateRequests updates) {
        if (this.updates == null) {
            server.createContext("/update", this::update);
        }
        this.updates = updates;
    }

    private void update(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exactPath(exchange) || !mayAct(exchange, Scope.AGENT_UPDATE, "updates",
                    "ask for an update with POST /update?bundle=https://...")) {
                return;
            }
            Map<String, String> query = QueryParameters.of(exchange.getRequestURI().getRawQuery());
            String bundle = query.get("bundle");
            if (bundle == null || bundle.isBlank()) {
                send(exchange, new Answer(400, JSON, error("name the bundle: POST /update?bundle=https://... or ?bundle=/path/to/file.bundle")));
                return;
            }
            UpdateRequests.Answer answer = updates.update(bundle, "true".equals(query.get("retry_rolled_back")),
                    "true".equals(query.get("stage")));
            send(exchange, new Answer(answer.status(), JSON, answer.status() < 300
                    ? json("{\"accepted\":true,\"message\":" + quote(answer.message()) + "}") : error(answer.message())));
        }
    }

    /** The config was reloaded: status and support bundles show the new one. */
    public void configChanged(AgentFacts facts, @Nullable DiagnosticsSources diagnostics) {
        this.facts = facts;
        if (diagnostics != null && this.diagnostics != null) {
            this.diagnostics = diagnostics;
        }
    }

    private void diagnose(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!mayAct(exchange, Scope.AGENT_DIAGNOSE, "diagnostics", "ask for a bundle with POST /diagnostics?duration=30s")) {
                return;
            }
            Duration length;
            try {
                length = DiagnosticsRequest.recordingLength(exchange.getRequestURI());
            } catch (IllegalArgumentException e) {
                send(exchange, new Answer(400, JSON, error(e.getMessage())));
                return;
            }
            if (!diagnosing.compareAndSet(false, true)) {
                send(exchange, new Answer(409, JSON, error("a bundle is being made already; ask again when it is done")));
                return;
            }
            try {
                SupportBundle.Bundle bundle = SupportBundle.make(length, facts, diagnostics,
                        () -> status(exchange, snapshot()).body(), () -> metrics(exchange, snapshot()).body(), clock.instant());
                exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"");
                send(exchange, new Answer(200, "application/zip", bundle.zip()));
                log.info("management endpoint: support bundle {} ({} bytes) made", bundle.fileName(), bundle.zip().length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                diagnosing.set(false);
            }
        }
    }

    private Snapshot snapshot() {
        UpdateRequests updating = updates;
        return Snapshot.of(agent, facts, clock.instant(), rates, updating == null ? null : updating.status());
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        boolean head = exchange.getRequestMethod().equals("HEAD") || answer.status() == 304;
        exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer health(HttpExchange exchange) {
        if (!agent.running()) {
            return new Answer(503, JSON, json("{\"status\":\"down\",\"reason\":\"the agent is not running\"}"));
        }
        String appendProblem = agent.log().appendProblem();
        if (appendProblem != null) {
            return new Answer(503, JSON, json("{\"status\":\"down\",\"reason\":" + quote(appendProblem) + "}"));
        }
        return new Answer(200, JSON, json("{\"status\":\"up\"}"));
    }

    private Answer ready(HttpExchange exchange) throws IOException {
        Map<String, Health> notReady = Readiness.notReady(agent.health().snapshot(), clock.instant(), settings.readyRequires());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonWriter json = new JsonWriter(out)) {
            json.writeStartObject();
            json.writeBooleanField("ready", notReady.isEmpty());
            StatusJson.notReady(json, notReady);
            json.writeEndObject();
        }
        return new Answer(notReady.isEmpty() ? 200 : 503, JSON, out.toByteArray());
    }

    private Answer status(HttpExchange exchange, Snapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        StatusJson.write(snapshot, settings.readyRequires(), out);
        return new Answer(200, JSON, out.toByteArray());
    }

    private Answer metrics(HttpExchange exchange, Snapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        String contentType = MetricsExposition.write(snapshot, authenticator.refusalsByReason(),
                exchange.getRequestHeaders().getFirst("Accept"), out);
        return new Answer(200, contentType, out.toByteArray());
    }

    private Answer historyJson(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/history")) {
            return NOT_FOUND;
        }
        Instant after = null;
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.startsWith("after=")) {
            try {
                after = Instant.ofEpochMilli(Math.round(Double.parseDouble(query.substring("after=".length())) * 1000));
            } catch (NumberFormatException e) {
                return new Answer(400, JSON, error("after: epoch seconds expected, was " + query.substring("after=".length())));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        history.writeJson(after, out);
        return new Answer(200, JSON, out.toByteArray());
    }

    /**
     * The dashboard's page and files. They hold no data of the agent (the page fetches that with the token it is
     * given), so they are served without one; the page only runs scripts from this endpoint.
     */
    private Answer dashboardFile(HttpExchange exchange) {
        Optional<DashboardAssets.Asset> found = assets.find(exchange.getRequestURI().getPath());
        if (found.isEmpty()) {
            return NOT_FOUND;
        }
        DashboardAssets.Asset asset = found.get();
        Map<String, String> headers = Map.of("Cache-Control", "no-cache", "ETag", asset.etag(),
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        boolean unchanged = asset.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
        return new Answer(unchanged ? 304 : 200, asset.contentType(), asset.body(), headers);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String message) {
        return json("{\"error\":" + quote(message) + "}");
    }

    private static String quote(String text) {
        return JsonWriter.quoted(text);
    }

    @Override
    public void close() {
        history.close();
        server.stop(0);
        executor.close();
    }
}
