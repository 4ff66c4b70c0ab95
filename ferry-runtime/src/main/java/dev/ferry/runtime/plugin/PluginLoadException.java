package dev.ferry.runtime.plugin;

/**
 * The plugins cannot be used together (two claim the same type) or one cannot be loaded or instantiated. Stops the
 * agent at start-up; the message names the classes or the plugin folder involved.
 */
public final class PluginLoadException extends Exception {

    public PluginLoadException(String message) {
        super(message, null, false, false);
    }
}
