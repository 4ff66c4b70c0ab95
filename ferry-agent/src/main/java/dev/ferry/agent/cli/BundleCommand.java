package dev.ferry.agent.cli;

import picocli.CommandLine.Command;

/** {@code ferry bundle ...}: the operator's side of updates: keys, signing, checking. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Make and check signed update bundles.",
        subcommands = {BundleKeygenCommand.class, BundleSignCommand.class, BundleVerifyCommand.class})
final class BundleCommand {}
