package dev.ferry.sink.file;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;

/** The keys of a {@code type: file} sink. */
public record FileSinkConfig(
        @Doc("File to append JSON Lines to; relative paths resolve against the config file's directory. Parent directories are created.")
        String path,
        @Doc("Flush each batch to stable storage before acknowledging it, so a power cut cannot lose acknowledged lines.")
        @Default("true") boolean fsync) {}
