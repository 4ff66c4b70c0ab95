package dev.ferry.agent;

import dev.ferry.runtime.startup.ClassLocation;
import dev.ferry.runtime.startup.StartupCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The {@code ferry} program. Its command line is start-up code (see {@link StartupCode}): picocli and the commands
 * are loaded apart from {@code lib/startup} and dropped once they have run, so that an agent started by
 * {@code ferry run} keeps none of their classes while it runs.
 */
public final class Main {

    private static final String COMMAND_LINE_PACKAGE = "dev.ferry.agent.cli.";
    private static volatile List<String> arguments = List.of();

    private Main() {}

    public static void main(String[] args) {
        arguments = List.of(args);
        Path startupLibraries = home().resolve("lib").resolve("startup");
        if (Files.isDirectory(startupLibraries)) {
            StartupCode.loadApartWith(startupLibraries);
        }
        int exitCode;
        try (StartupCode commandLine = StartupCode.open(Main.class, COMMAND_LINE_PACKAGE)) {
            exitCode = commandLineIn(commandLine).applyAsInt(args);
        }
        AgentRun run = AgentRun.handedOver();
        System.exit(run == null ? exitCode : run.untilStopped());
    }

    @SuppressWarnings("unchecked")
    private static ToIntFunction<String[]> commandLineIn(StartupCode code) {
        return code.instantiate(COMMAND_LINE_PACKAGE + "FerryCommand", ToIntFunction.class);
    }

    /** The arguments this program was started with: a successor of another version is started with the same. */
    static List<String> arguments() {
        return arguments;
    }

    /** The version this build says it is, from its jar's manifest. */
    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }

    /** The folder of the agent's jar, with {@code lib/} and {@code plugins/} beside it. */
    static Path home() {
        try {
            return ClassLocation.of(Main.class).toAbsolutePath().getParent();
        } catch (IllegalStateException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
