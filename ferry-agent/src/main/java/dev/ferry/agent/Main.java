package dev.ferry.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command. */
@Command(name = "ferry",
        description = "Collects readings from field devices, keeps them in a durable log, and delivers them upstream.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        subcommands = {RunCommand.class, CheckCommand.class, VersionCommand.class, LogCommand.class, DeadLetterCommand.class,
                StatusCommand.class, TopCommand.class, DiagnoseCommand.class, ReloadCommand.class,
                SignConfigCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns the exit code: 0 fine, 1 failure, 2 bad usage; {@code status} also 3 not
     * ready, and the commands that ask the running agent 4 when it cannot be reached and 5 when it refuses the token.
     */
    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new ExpectedErrors())
                .execute(args);
    }
}
