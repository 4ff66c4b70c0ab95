package dev.ferry.sink.file;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import dev.ferry.api.config.WritablePlace;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

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

    /** The file can be created (or appended to), so the agent does not start only to stop at its first write. */
    @Override
    public List<ConfigProblem> checkFiles(FileSinkConfig config, Function<String, Path> resolve) {
        String problem = WritablePlace.fileProblem(resolve.apply(config.path()));
        return problem == null ? List.of() : List.of(new ConfigProblem("path", problem));
    }

    @Override
    public Sink create(FileSinkConfig config, PluginContext context) {
        return new FileSink(context.resolve(config.path()), config.fsync());
    }
}
