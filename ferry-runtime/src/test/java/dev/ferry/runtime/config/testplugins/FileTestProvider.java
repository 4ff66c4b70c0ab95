package dev.ferry.runtime.config.testplugins;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Positive;

/** A sink plugin shaped like the real file sink, for binding tests; it cannot create a sink. */
public final class FileTestProvider implements SinkProvider<FileTestProvider.Config> {

    public enum Format { JSON_LINES, CSV }

    public record Config(
            @Doc("File to append to; relative to the config file.") String path,
            @Doc("Size at which the file is rotated.") @Default("64MiB") @Positive DataSize maxFileSize,
            @Doc("Line format.") @Default("json-lines") Format format,
            @Doc("Sync each batch to disk before acknowledging it.") @Default("true") boolean fsync) {}

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Sink create(Config config, PluginContext context) {
        throw new UnsupportedOperationException("binding tests never create sinks");
    }
}
