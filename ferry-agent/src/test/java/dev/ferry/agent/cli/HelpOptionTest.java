package dev.ferry.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, however deep, answers {@code --help} with its usage and exit code 0. */
class HelpOptionTest {

    @Test
    void everyCommandPrintsItsUsageOnHelp() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new FerryCommand()), commands);
        assertThat(commands).hasSizeGreaterThan(10);

        for (CommandLine command : commands) {
            List<String> args = new ArrayList<>(path(command));
            args.add("--help");
            CommandLine fresh = new CommandLine(new FerryCommand());
            StringWriter out = new StringWriter();
            fresh.setOut(new PrintWriter(out));

            int exit = fresh.setExecutionExceptionHandler(new ExpectedErrors()).execute(args.toArray(String[]::new));

            assertThat(exit).as("ferry %s --help", String.join(" ", path(command))).isZero();
            assertThat(out.toString()).as("ferry %s --help", String.join(" ", path(command)))
                    .startsWith("Usage: " + command.getCommandSpec().qualifiedName());
        }
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    /** The sub-command names below {@code ferry} that lead to {@code command}. */
    private static List<String> path(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            names.addFirst(c.getCommandName());
        }
        return names;
    }
}
