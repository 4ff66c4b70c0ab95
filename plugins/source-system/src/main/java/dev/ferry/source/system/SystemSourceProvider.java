package dev.ferry.source.system;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Source;
import dev.ferry.api.SourceProvider;
import dev.ferry.source.system.internal.SystemSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** {@code type: system}: the host's CPU, memory, disk and network, and the agent process itself, read from /proc. */
public final class SystemSourceProvider implements SourceProvider<SystemConfig> {

    @Override
    public String type() {
        return "system";
    }

    @Override
    public Class<SystemConfig> configType() {
        return SystemConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(SystemConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.procRoot().isBlank()) {
            problems.add(new ConfigProblem("proc_root", "must not be empty; leave it out for /proc"));
        }
        if (config.diskPath() != null && config.diskPath().isBlank()) {
            problems.add(new ConfigProblem("disk_path", "must not be empty; leave it out for the agent's data directory"));
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < config.interfaces().size(); i++) {
            String name = config.interfaces().get(i);
            if (name.isBlank() || name.contains(":") || name.contains(" ")) {
                problems.add(new ConfigProblem("interfaces." + i, "\"" + name + "\" is not an interface name"));
            } else if (!seen.add(name)) {
                problems.add(new ConfigProblem("interfaces." + i, "\"" + name + "\" is listed twice"));
            }
        }
        return problems;
    }

    @Override
    public Source create(SystemConfig config, PluginContext context) {
        Path proc = context.resolve(config.procRoot());
        Path disk = config.diskPath() == null ? context.dataDir() : context.resolve(config.diskPath());
        return new SystemSource(context.name(), proc, disk, config.interfaces(), context.clock());
    }
}
