package dev.ferry.agent.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry status}: one table of the running agent, from two looks a second apart so that rates are current.
 * The exit code tells scripts what they need: {@value ExpectedErrors#READY} ready,
 * {@value ExpectedErrors#NOT_READY} running but not ready, {@value ExpectedErrors#UNREACHABLE} not reachable,
 * {@value ExpectedErrors#REFUSED} token refused.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the running agent: its components, their states, rates and lag.",
        "Exit code: 0 ready, 3 not ready, 4 agent not reachable, 5 token refused, 1 other failure."})
final class StatusCommand implements Callable<Integer> {

    static final Duration BETWEEN_LOOKS = Duration.ofSeconds(1);

    @Mixin
    AgentConnection agent;

    @Override
    public Integer call() throws Exception {
        ManagementClient client = agent.client();
        AgentStatus first = AgentStatus.parse(client.get("/status"));
        Thread.sleep(BETWEEN_LOOKS);
        AgentStatus second = AgentStatus.parse(client.get("/status"));
        System.out.print(StatusTable.render(second, first));
        return second.ready() ? ExpectedErrors.READY : ExpectedErrors.NOT_READY;
    }
}
