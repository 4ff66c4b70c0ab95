package dev.ferry.agent.cli;

import dev.ferry.agent.DeadLetterRequests;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry deadletter replay}: asks the agent to send every dead letter held now again, through the same sink,
 * with its original ID. A running agent takes the request up within a second; a stopped one at its next start.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send the dead letters again, with their original IDs, once the cause is fixed. A running agent"
                + " starts within a second; a stopped one at its next start. What is refused again is dead-lettered anew.")
final class DeadLetterReplayCommand implements Callable<Integer> {

    @Mixin
    DeadLetterSinks sinks;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to wait for a running agent to take the request up (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        for (DeadLetterSinks.Store store : sinks.stores(sinks.load())) {
            long held = DeadLetterRequests.count(store.dir());
            if (held == 0) {
                System.out.printf("sink %s: no dead letters%n", store.sink());
                continue;
            }
            DeadLetterFiles.requestReplay(store.dir());
            System.out.printf("sink %s: %d dead letter(s) %s%n", store.sink(), held,
                    DeadLetterRequests.awaitRunningAgent(store.dir(), wait)
                            ? "are being sent again by the running agent; `ferry deadletter list` shows what is left"
                            : "will be sent again when the agent next runs");
        }
        return 0;
    }
}
