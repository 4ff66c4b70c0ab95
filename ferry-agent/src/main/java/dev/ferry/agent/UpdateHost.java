package dev.ferry.agent;

import dev.ferry.management.UpdateStatus;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.config.UpdateSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the update code, loaded apart ({@link UpdateJob}), may use of the running agent. */
public interface UpdateHost {

    /** The running config; its {@code update:} section is there. */
    LoadedConfig config();

    UpdateSettings settings();

    /** This agent's version, as its jar says. */
    String runningVersion();

    /** The folder this agent runs from: its jar, and {@code bin/ferry} when it is an installed distribution. */
    Path runningHome();

    /** Tells the endpoint, and the log, where the update is. */
    void report(UpdateStatus status);

    /** True when the agent is ready by the rules of {@code /ready}. */
    boolean ready();

    /**
     * The command that starts the agent from the distribution in {@code home} with this agent's arguments and
     * {@code --take-over}: its {@code bin/ferry}, or this process's own command for its own home without one.
     */
    Optional<List<String>> takeOverCommand(Path home);

    /**
     * Starts {@code command} as this agent's successor and, once it waits for the data directory, stops this agent.
     *
     * @return the successor, ready; empty when this agent runs on (the reason logged)
     */
    Optional<Process> handOver(String why, List<String> command);
}
