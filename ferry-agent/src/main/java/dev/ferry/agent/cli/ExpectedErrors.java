package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.plugin.PluginLoadException;
import dev.ferry.update.BundleRefused;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns the failures a user can fix into one clear message each, without a stack trace. */
final class ExpectedErrors implements IExecutionExceptionHandler {

    /** Exit codes that scripts may rely on; 2 is picocli's for bad usage. */
    static final int READY = 0;
    static final int FAILED = 1;
    static final int NOT_READY = 3;
    static final int UNREACHABLE = 4;
    static final int REFUSED = 5;

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        var err = command.getErr();
        switch (e) {
            case ConfigException config -> {
                for (ConfigError error : config.errors()) {
                    err.println(error);
                }
                err.println(config.errors().size() == 1 ? "1 error" : config.errors().size() + " errors");
            }
            case IOException io -> err.println("ferry: " + io.getMessage());
            case UserError user -> err.println("ferry: " + user.getMessage());
            case PluginLoadException plugins -> err.println("ferry: " + plugins.getMessage());
            case BundleRefused refused -> err.println("ferry: bundle refused (" + refused.reason().code() + "): "
                    + refused.getMessage());
            case AgentUnreachable unreachable -> {
                return oneLine(command, unreachable, UNREACHABLE);
            }
            case AccessRefused refused -> {
                return oneLine(command, refused, REFUSED);
            }
            default -> throw e;
        }
        err.flush();
        return FAILED;
    }

    private static int oneLine(CommandLine command, Exception e, int exitCode) {
        command.getErr().println("ferry: " + e.getMessage());
        command.getErr().flush();
        return exitCode;
    }
}
