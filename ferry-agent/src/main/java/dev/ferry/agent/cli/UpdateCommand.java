package dev.ferry.agent.cli;

import dev.ferry.agent.JsonTree;
import dev.ferry.agent.UserError;
import dev.ferry.api.Nullable;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry update}: asks the agent that runs this config to install a signed bundle ({@code POST /update}, which
 * needs a token with {@code agent:update}) and follows the update in {@code /status} until it is committed, rolled
 * back or failed. Exit 0 when the new version is committed, 1 otherwise, with the reason.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Install a signed update bundle on the running agent: it is verified, installed beside the"
        + " running version, started, and takes over the data directory; it is committed once ready, else the agent"
        + " switches back.", "Needs a token with agent:update and an update section in the config."})
final class UpdateCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Mixin
    AgentConnection agent;

    @ArgGroup(multiplicity = "1")
    Bundle bundle;

    static final class Bundle {
        @Option(names = "--bundle", paramLabel = "FILE", description = "A bundle file on this gateway.")
        @Nullable Path file;

        @Option(names = "--url", paramLabel = "URL", description = "An https:// URL the agent downloads the bundle from,"
                + " with update.tls and update.token_file.")
        @Nullable String url;
    }

    @Option(names = "--retry-rolled-back", description = "Try a version that was rolled back before.")
    boolean retryRolledBack;

    @Option(names = "--stage", description = "Only install the version beside the running one; SIGUSR2 to the agent"
            + " (systemctl kill -s USR2 ferry) switches to it later.")
    boolean stage;

    @Option(names = "--no-wait", description = "Return once the agent started the update.")
    boolean noWait;

    @Option(names = "--wait-limit", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to follow the update before giving up (it goes on). Default: ${DEFAULT-VALUE}.")
    Duration waitLimit;

    @Override
    public Integer call() throws Exception {
        String source;
        if (bundle.file != null) {
            Path file = bundle.file.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new UserError("no bundle file at " + file);
            }
            source = file.toString();
        } else {
            source = Objects.requireNonNull(bundle.url);
        }
        ManagementClient client = agent.client();
        String before = since(client);
        HttpResponse<byte[]> answer = client.post("/update?bundle=" + URLEncoder.encode(source, StandardCharsets.UTF_8)
                + (retryRolledBack ? "&retry_rolled_back=true" : "") + (stage ? "&stage=true" : ""),
                Duration.ofSeconds(10), Set.of(400, 404, 409));
        if (answer.statusCode() == 404) {
            throw new UserError("the agent does not take updates through its endpoint; is it an older version?");
        }
        if (answer.statusCode() != 202) {
            throw new UserError("update refused: " + JsonTree.errorOf(answer.body()));
        }
        System.out.println("update started: " + source);
        return noWait ? ExpectedErrors.READY : follow(client, before);
    }

    /** Prints each phase the update goes through until it settles. */
    private int follow(ManagementClient client, @Nullable String before) throws Exception {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        String shown = null;
        while (System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            Map<?, ?> update;
            try {
                update = update(client.get("/status"));
            } catch (AgentUnreachable e) {
                continue;   // the endpoint is down for a moment while the new version takes over
            }
            if (update == null || Objects.equals(update.get("since"), before)) {
                continue;
            }
            String phase = String.valueOf(update.get("phase"));
            String line = phase + " " + update.get("target") + (phase.equals("downloading") ? progress(update) : "");
            if (!line.equals(shown)) {
                System.out.println("  " + line);
                shown = line;
            }
            switch (phase) {
                case "staged" -> {
                    if (stage) {
                        System.out.println("staged: version " + update.get("target") + " is installed beside the running"
                                + " one; SIGUSR2 to the agent switches to it");
                        return ExpectedErrors.READY;
                    }
                }
                case "committed" -> {
                    System.out.println("updated: version " + update.get("target") + " runs and is committed");
                    return ExpectedErrors.READY;
                }
                case "rolled_back", "failed" -> {
                    System.err.println("ferry: update " + phase.replace('_', ' ') + ": " + update.get("reason"));
                    return ExpectedErrors.FAILED;
                }
                default -> { }
            }
        }
        System.err.println("ferry: the update did not settle within " + waitLimit + "; it goes on, see `ferry status`");
        return ExpectedErrors.FAILED;
    }

    /** {@code : 40% of 31.2 MB}, in steps of ten percent, so that a download prints ten lines at most. */
    private static String progress(Map<?, ?> update) {
        if (!(update.get("received_bytes") instanceof Number received) || !(update.get("total_bytes") instanceof Number total)
                || total.longValue() <= 0) {
            return "";
        }
        long tenths = received.longValue() * 10 / total.longValue();
        return String.format(java.util.Locale.ROOT, ": %d%% of %.1f MB", tenths * 10, total.longValue() / 1e6);
    }

    private static @Nullable String since(ManagementClient client) throws Exception {
        Map<?, ?> update = update(client.get("/status"));
        if (update == null) {
            throw new UserError("the agent's config has no update section, so it installs no update");
        }
        return String.valueOf(update.get("since"));
    }

    private static @Nullable Map<?, ?> update(byte[] status) throws java.io.IOException {
        return JsonTree.parse(status) instanceof Map<?, ?> root && root.get("update") instanceof Map<?, ?> update
                ? update : null;
    }
}
