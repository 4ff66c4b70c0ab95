package dev.ferry.sink.file;

import dev.ferry.api.PluginContext;
import dev.ferry.api.Sink;
import dev.ferry.api.SinkProvider;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** {@code type: stdout} — JSON Lines on standard output. */
public final class StdoutSinkProvider implements SinkProvider<StdoutSinkConfig> {

    @Override
    public String type() {
        return "stdout";
    }

    @Override
    public Class<StdoutSinkConfig> configType() {
        return StdoutSinkConfig.class;
    }

    @Override
    public Sink create(StdoutSinkConfig config, PluginContext context) {
        // The raw descriptor, not System.out: no second layer of buffering and no charset re-encoding.
        return new StdoutSink(new FileOutputStream(FileDescriptor.out));
    }
}
