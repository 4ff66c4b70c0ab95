package dev.ferry.runtime.plugin;

/**
 * The plugins on the class path cannot be used together: two claim the same type, or one cannot be
 * instantiated. Stops the agent at start-up; the message names the classes involved.
 */
public final class PluginLoadException extends Exception {

    public PluginLoadException(String message) {
        super(message, null, false, false);
    }
}
