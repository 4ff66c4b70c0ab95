package dev.ferry.agent.cli;

import picocli.CommandLine.Command;

/** {@code ferry deadletter ...}: what the sinks' far ends refused for good, and sending it again. */
@Command(name = "deadletter", mixinStandardHelpOptions = true,
        description = "Readings a sink's far end refused for good: list, show, replay once the cause is fixed, or purge.",
        subcommands = {DeadLetterListCommand.class, DeadLetterShowCommand.class, DeadLetterReplayCommand.class,
                DeadLetterPurgeCommand.class})
final class DeadLetterCommand {}
