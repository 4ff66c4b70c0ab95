package dev.ferry.agent.cli;

import dev.ferry.agent.DeadLetterRequests;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import dev.ferry.runtime.deadletter.DeadLetterStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry deadletter purge}: deletes dead letters for good. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete dead letters for good: those of one sink (--sink NAME) or of every sink (--all).")
final class DeadLetterPurgeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--sink", paramLabel = "NAME", required = true, description = "Only this sink's.")
        String sink;

        @Option(names = "--all", required = true, description = "Every sink's.")
        boolean all;
    }

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to wait for a running agent to take the request up (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        DeadLetterSinks sinks = new DeadLetterSinks();
        sinks.config = config;
        sinks.sink = which.sink;
        for (DeadLetterSinks.Store store : sinks.stores(sinks.load())) {
            long held = DeadLetterRequests.count(store.dir());
            if (held == 0) {
                System.out.printf("sink %s: no dead letters%n", store.sink());
                continue;
            }
            try (DeadLetterStore owned = DeadLetterStore.open(store.dir(), store.sink(), Long.MAX_VALUE)) {
                System.out.printf("sink %s: %d dead letter(s) deleted%n", store.sink(), owned.purge());
                continue;
            } catch (DeadLetterStore.StoreInUseException running) {
                DeadLetterFiles.requestPurge(store.dir());
            }
            System.out.printf("sink %s: %d dead letter(s) %s%n", store.sink(), held,
                    DeadLetterRequests.awaitRunningAgent(store.dir(), wait) ? "deleted by the running agent"
                            : "to be deleted by the agent (it has not taken the request up yet)");
        }
        return 0;
    }
}
