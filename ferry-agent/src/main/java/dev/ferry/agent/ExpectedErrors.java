package dev.ferry.agent;

import dev.ferry.runtime.config.ConfigException;
import dev.ferry.runtime.config.ConfigError;
import dev.ferry.runtime.plugin.PluginLoadException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns the failures a user can fix into one clear message each, without a stack trace. */
final class ExpectedErrors implements IExecutionExceptionHandler {

    static final int FAILED = 1;

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
            default -> throw e;
        }
        err.flush();
        return FAILED;
    }
}
