package dev.ferry.management;

import dev.ferry.management.diagnostics.DiagnosticsSources;
import dev.ferry.runtime.config.ConfigFormat;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.runtime.time.Ticker;
import dev.ferry.sink.file.FileSinkProvider;
import dev.ferry.source.simulated.SimulatedSourceProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A real agent (simulated sources, file sinks, the durable log) with its management endpoint on a free port. */
public final class RunningAgent implements AutoCloseable {

    /** The smallest pipeline: one simulated source, fast, and one file sink. */
    public static final String SIMULATED_TO_FILE = """
            sources:
              boiler: {type: simulated, interval: 20ms}
            sinks:
              out: {type: file, path: ./out/readings.jsonl}
            """;

    public final Agent agent;
    public final ManagementServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public RunningAgent(Path dir, String sourcesAndSinks, String management) throws Exception {
        this(dir, sourcesAndSinks, management, Map.of());
    }

    /** With {@code POST /diagnostics} served, and the config's {@code ${VAR}} taken from {@code env}. */
    public RunningAgent(Path dir, String sourcesAndSinks, String management, Map<String, String> env) throws Exception {
        String yaml = "agent: {id: gw-test, data_dir: ./data}\nmanagement: {listen: \"127.0.0.1:0\"" + management + "}\n"
                + sourcesAndSinks;
        PluginRegistry registry = PluginRegistry.of(List.of(new SimulatedSourceProvider()), List.of(new FileSinkProvider()));
        LoadedConfig config = ConfigLoader.load(yaml, "ferry.yaml", ConfigFormat.YAML, dir, env, registry);
        agent = Agent.start(config, Ticker.system());
        server = ManagementServer.start(config.management(), agent,
                new AgentFacts("gw-test", "test", Instant.now(), dir.resolve("ferry.yaml"), "abc", "file"), Clock.systemUTC(),
                new DiagnosticsSources(yaml, "ferry.yaml", ConfigFormat.YAML, env, () -> List.of("a recent log line"),
                        () -> "log figures"),
                (trigger, file) -> agent.reload(config, trigger));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(path, headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(path, headers).POST(HttpRequest.BodyPublishers.noBody());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        return request;
    }

    @Override
    public void close() {
        server.close();
        agent.stop(Duration.ofSeconds(5));
    }
}
