package dev.ferry.agent.cli;

import dev.ferry.agent.JsonTree;
import dev.ferry.agent.UserError;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry reload}: asks the agent that runs this config file to read it again ({@code POST /reload}, which needs
 * a token with {@code config:write}) and prints what came of it. Exit 0 when the new config runs (or equals the
 * running one), 1 when it was refused or rolled back, with the reasons.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Make the running agent read its config file again and apply what changed: only the sources"
        + " and sinks that changed restart. A file with errors is refused and the agent runs on as it was.",
        "Needs a token with config:write. Same as SIGHUP, but it prints the outcome."})
final class ReloadCommand implements Callable<Integer> {

    /** A reload waits for replaced sinks to finish their sends in flight. */
    private static final Duration WORKING = Duration.ofSeconds(30);

    @Mixin
    AgentConnection agent;

    @Override
    public Integer call() throws Exception {
        if (agent.config.file == null) {
            throw new UserError("give the config file the agent runs with -c FILE");
        }
        String file = agent.config.file.toAbsolutePath().normalize().toString();
        HttpResponse<byte[]> answer = agent.client().post("/reload?config=" + URLEncoder.encode(file, StandardCharsets.UTF_8),
                WORKING, Set.of(409, 422));
        if (!(JsonTree.parse(answer.body()) instanceof Map<?, ?> outcome) || !(outcome.get("result") instanceof String result)) {
            throw new UserError("the agent's answer is not a reload's outcome");
        }
        String changes = String.valueOf(outcome.get("changes"));
        List<?> messages = outcome.get("messages") instanceof List<?> list ? list : List.of();
        switch (result) {
            case "applied" -> System.out.println("reloaded: " + changes);
            case "unchanged" -> System.out.println("reloaded: the file equals the running config; nothing changed");
            case "refused" -> {
                System.err.println("ferry: reload refused; the agent runs on as it was:");
                messages.forEach(message -> System.err.println(message));
            }
            default -> {
                System.err.println("ferry: reload rolled back (" + changes + "); the agent runs its previous config:");
                messages.forEach(message -> System.err.println(message));
            }
        }
        return result.equals("applied") || result.equals("unchanged") ? ExpectedErrors.READY : ExpectedErrors.FAILED;
    }
}
