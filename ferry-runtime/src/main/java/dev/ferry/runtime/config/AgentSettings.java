package dev.ferry.runtime.config;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;

/** The {@code agent:} section: who this gateway is, where it keeps its state and how much it logs. */
public record AgentSettings(
        @Doc("This gateway's name, part of every reading's ID, so keep it stable. Letters, digits, '.', '_' and '-'.")
        String id,
        @Doc("Directory for the log, sink cursors and plugin state; a relative path is resolved against the "
                + "config file's directory.")
        String dataDir,
        @Doc("The least severe log lines written: error, warn, info, debug or trace. The environment variable "
                + "FERRY_LOG_LEVEL and the option --log-level take precedence.")
        @Default("info") LogLevel logLevel,
        @Doc("Reload the config when its file changes (as on SIGHUP): only what changed is restarted, and a file "
                + "with errors is refused while the agent runs on. false: reload on SIGHUP, POST /reload and "
                + "`ferry reload` only.")
        @Default("true") boolean watchConfig) {}
