package dev.ferry.source.modbus;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.source.modbus.internal.ModbusLink;
import dev.ferry.source.modbus.internal.ModbusSource;
import dev.ferry.source.modbus.internal.RtuLink;
import dev.ferry.source.modbus.internal.TcpLink;
import java.util.List;

/** {@code type: modbus}: registers, coils and inputs of one Modbus TCP or RTU device, read on a schedule. */
public final class ModbusSourceProvider implements SourceProvider<ModbusConfig> {

    @Override
    public String type() {
        return "modbus";
    }

    @Override
    public Class<ModbusConfig> configType() {
        return ModbusConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(ModbusConfig config) {
        return ModbusConfigCheck.problems(config);
    }

    /** Plans the requests and prepares the link; the device is first contacted by the first read. */
    @Override
    public Source create(ModbusConfig config, PluginContext context) {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.getFirst();
            throw new IllegalArgumentException("sources." + context.name() + "." + first.key() + ": " + first.message());
        }
        ModbusLink link = config.tcp() != null
                ? new TcpLink(config.tcp(), config.timeout())
                : new RtuLink(config.rtu(), context.resolve(config.rtu().port()).toString(), config.timeout());
        return new ModbusSource(context.name(), config, link, context.clock());
    }
}
