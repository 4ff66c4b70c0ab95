package dev.ferry.runtime.config;

/** How far loading a config looks beyond the file itself. */
public enum CheckDepth {
    /** The file's keys and values. */
    VALUES,
    /** Also the files it names and the places it writes to: what starting the agent checks. */
    FILES,
    /**
     * Also the ports its servers will listen on, unless an agent runs on its data already (which holds them):
     * {@code ferry check}. Starting leaves ports out: a port taken by chance costs only the component that wants
     * it, which retries, never the others.
     */
    FILES_AND_PORTS
}
