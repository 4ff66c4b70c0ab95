package dev.ferry.api;

/**
 * A problem a plugin finds in its own config, reported with the file and line of the key.
 *
 * @param key the key within the plugin's section, dotted for nested keys (e.g. {@code signals.0.period})
 * @param message what is wrong and, where it helps, what to do
 */
public record ConfigProblem(String key, String message) {}
