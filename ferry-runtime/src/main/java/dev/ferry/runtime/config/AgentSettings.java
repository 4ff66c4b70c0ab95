package dev.ferry.runtime.config;

import dev.ferry.api.config.Doc;

/** The {@code agent:} section: who this gateway is and where it keeps its state. */
public record AgentSettings(
        @Doc("This gateway's name, part of every reading's ID, so keep it stable. Letters, digits, '.', '_' and '-'.")
        String id,
        @Doc("Directory for the log, sink cursors and plugin state; a relative path is resolved against the "
                + "config file's directory.")
        String dataDir) {}
