package dev.ferry.runtime.config.internal;

/** One {@code key: value} of a map; {@code keyOrigin} is where the key itself was written. */
public record ConfigEntry(String key, Origin keyOrigin, ConfigNode value) {}
