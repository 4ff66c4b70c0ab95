package dev.ferry.agent.cli;

import dev.ferry.agent.Main;
import dev.ferry.agent.AgentRun;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferry} command line. Start-up code: {@link dev.ferry.agent.Main} loads it apart and drops it once it has
 * run; {@code ferry run} hands the agent it prepared over to {@link dev.ferry.agent.AgentRun} to run.
 */
@Command(name = "ferry",
        description = "Collects readings from field devices, keeps them in a durable log, and delivers them upstream.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        subcommands = {RunCommand.class, CheckCommand.class, VersionCommand.class, LogCommand.class, DeadLetterCommand.class,
                StatusCommand.class, TopCommand.class, DiagnoseCommand.class, ReloadCommand.class,
                SignConfigCommand.class, SignUpdateCommand.class, BundleCommand.class, UpdateCommand.class})
public final class FerryCommand implements ToIntFunction<String[]> {

    @Override
    public int applyAsInt(String[] args) {
        return execute(args);
    }

    /**
     * Runs the command line and returns the exit code: 0 fine, 1 failure, 2 bad usage; {@code status} also 3 not
     * ready, and the commands that ask the running agent 4 when it cannot be reached and 5 when it refuses the token.
     */
    public static int execute(String... args) {
        return new CommandLine(new FerryCommand())
                .setExecutionExceptionHandler(new ExpectedErrors())
                .execute(args);
    }
}
