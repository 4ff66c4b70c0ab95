package dev.ferry.sink.file;

/** A {@code type: stdout} sink has no keys of its own. */
public record StdoutSinkConfig() {}
