package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.management.diagnostics.DiagnosticsRequest;
import dev.ferry.api.config.Durations;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry diagnose}: asks the running agent for a support bundle ({@code POST /diagnostics}, which needs a
 * token with {@code agent:diagnose}) and writes it here. The agent makes it and sends it rather than leaving it in
 * its own directories, which this user may not be able to read.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Make a support bundle of the running agent: a flight recording, thread"
        + " dump, heap figures, status, metrics, the config with secrets redacted, recent log lines, log figures.",
        "Needs a token with agent:diagnose. Prints the bundle's path."})
final class DiagnoseCommand implements Callable<Integer> {

    private static final Pattern FILE_NAME = Pattern.compile("filename=\"(ferry-diagnostics-[A-Za-z0-9._-]+\\.zip)\"");

    @Mixin
    AgentConnection agent;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Length of the flight recording, 1s to 10m. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".",
            description = "Directory the bundle is written to. Default: the current directory.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(DiagnosticsRequest.LONGEST) > 0) {
            throw new UserError("--duration must be from 1s to " + Durations.format(DiagnosticsRequest.LONGEST)
                    + ", was " + Durations.format(duration));
        }
        ManagementClient client = agent.client();
        System.err.println("ferry: recording the agent at " + client.base() + " for " + Durations.format(duration) + "...");
        HttpResponse<byte[]> answer = client.post("/diagnostics?duration=" + Durations.format(duration), duration);
        Files.createDirectories(output);
        Path bundle = output.resolve(fileName(answer)).toAbsolutePath().normalize();
        Files.write(bundle, answer.body());
        System.out.println(bundle);
        return ExpectedErrors.READY;
    }

    /** The name the agent gave the bundle, checked so that an answer cannot make us write outside {@code --output}. */
    private static String fileName(HttpResponse<byte[]> answer) throws UserError {
        Matcher name = FILE_NAME.matcher(answer.headers().firstValue("Content-Disposition").orElse(""));
        if (!name.find() || !"application/zip".equals(answer.headers().firstValue("Content-Type").orElse(""))) {
            throw new UserError("the agent's answer is not a support bundle");
        }
        return name.group(1);
    }
}
