package dev.ferry.agent.cli;

import picocli.CommandLine.Command;

/** {@code ferry log ...}: look into the durable log without the agent running. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Inspect the durable log (stats and dump are read-only and safe while the agent runs).",
        subcommands = {LogStatsCommand.class, LogDumpCommand.class, LogForgetSinkCommand.class})
final class LogCommand {}
