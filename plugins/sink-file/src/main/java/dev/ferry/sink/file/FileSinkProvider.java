package dev.ferry.sink.file;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import java.util.List;

/** {@code type: file} — JSON Lines appended to a local file. */
public final class FileSinkProvider implements SinkProvider<FileSinkConfig> {

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Class<FileSinkConfig> configType() {
        return FileSinkConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(FileSinkConfig config) {
        return config.path().isBlank() ? List.of(new ConfigProblem("path", "must name a file, was empty")) : List.of();
    }

    @Override
    public Sink create(FileSinkConfig config, PluginContext context) {
        return new FileSink(context.resolve(config.path()), config.fsync());
    }
}
