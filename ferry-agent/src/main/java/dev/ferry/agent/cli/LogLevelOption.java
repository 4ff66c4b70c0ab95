package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.runtime.config.LogLevel;
import dev.ferry.runtime.config.LoadedConfig;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --log-level} option, and the level the agent logs at: the option, else the environment variable
 * {@code FERRY_LOG_LEVEL}, else {@code agent.log_level} of the config, else {@code info}.
 */
final class LogLevelOption {

    static final String ENVIRONMENT_VARIABLE = "FERRY_LOG_LEVEL";
    /** slf4j-simple reads it once, when the first logger is made; system properties win over its properties file. */
    static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Option(names = "--log-level", paramLabel = "LEVEL", converter = Converter.class,
            description = "Least severe log lines written: error, warn, info, debug or trace. "
                    + "Takes precedence over " + ENVIRONMENT_VARIABLE + " and agent.log_level.")
    LogLevel commandLine;

    /**
     * Sets the level for the rest of the process. Call it before anything logs: the config loader and plugin
     * registry make no logger, so right after loading the config is early enough.
     */
    void apply(LoadedConfig loaded, Map<String, String> environment) throws UserError {
        System.setProperty(SIMPLE_LOGGER_LEVEL, resolve(loaded.logLevel(), environment).configName());
    }

    LogLevel resolve(LogLevel configured, Map<String, String> environment) throws UserError {
        if (commandLine != null) {
            return commandLine;
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                return LogLevel.parse(fromEnvironment);
            } catch (IllegalArgumentException e) {
                throw new UserError(ENVIRONMENT_VARIABLE + ": " + e.getMessage());
            }
        }
        return configured;
    }

    static final class Converter implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            try {
                return LogLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
