package dev.ferry.agent.cli;

import dev.ferry.api.config.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code ferry top}: the {@code ferry status} table, redrawn every interval until q or Ctrl-C. An agent that goes
 * away is shown as such and asked again, as it may be restarting; a refused token ends the command (exit 5).
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"Watch the running agent: the status table, refreshed in place.",
        "q or Ctrl-C quits. When the output is not a terminal, successive tables are printed."})
final class TopCommand implements Callable<Integer> {

    @Mixin
    AgentConnection agent;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Time between refreshes. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N", defaultValue = "0",
            description = "Stop after N tables; 0 (the default) runs until q or Ctrl-C.")
    int iterations;

    @Override
    public Integer call() throws Exception {
        ManagementClient client = agent.client();
        CountDownLatch quit = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), signal -> quit.countDown());
        try (TopScreen screen = TopScreen.open(quit)) {
            AgentStatus before = null;
            for (int shown = 0; iterations == 0 || shown < iterations; shown++) {
                AgentStatus now = null;
                String frame;
                try {
                    now = AgentStatus.parse(client.get("/status"));
                    frame = StatusTable.render(now, before);
                } catch (AgentUnreachable e) {
                    frame = "ferry top: " + e.getMessage() + "\nasking again\n";
                }
                screen.show(frame + footer());
                before = now;
                if (quit.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        }
        return ExpectedErrors.READY;
    }

    private String footer() {
        return "\nevery " + Durations.format(interval) + "  q or Ctrl-C quits\n";
    }
}
