package dev.ferry.source.serial;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.source.serial.internal.SerialSource;
import java.util.List;

/**
 * {@code type: serial}: a device on a serial line that sends frames unasked: ASCII lines (key-value, CSV, regex)
 * or binary frames with a checksum.
 */
public final class SerialSourceProvider implements SourceProvider<SerialConfig> {

    @Override
    public String type() {
        return "serial";
    }

    @Override
    public Class<SerialConfig> configType() {
        return SerialConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(SerialConfig config) {
        return SerialConfigCheck.problems(config);
    }

    @Override
    public Source create(SerialConfig config, PluginContext context) {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.getFirst();
            throw new IllegalArgumentException("sources." + context.name() + "." + first.key() + ": " + first.message());
        }
        return new SerialSource(context.name(), context.resolve(config.port()), config, context.clock(), context.health());
    }
}
