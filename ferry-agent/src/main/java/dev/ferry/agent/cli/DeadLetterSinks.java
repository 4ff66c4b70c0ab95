package dev.ferry.agent.cli;

import dev.ferry.agent.UserError;
import dev.ferry.agent.Plugins;
import dev.ferry.runtime.config.ConfiguredSink;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options the dead-letter commands share: the config, and which sinks. */
final class DeadLetterSinks {

    @Mixin
    ConfigOption config;

    @Option(names = "--sink", paramLabel = "NAME", description = "Only this sink (default: every sink).")
    String sink;

    /** One sink's dead-letter directory, by name. */
    record Store(String sink, Path dir, boolean configured) {}

    LoadedConfig load() throws Exception {
        return config.load(Plugins.registry());
    }

    /** The sinks of the config and any other sink that left dead letters in the data directory, or the one asked for. */
    List<Store> stores(LoadedConfig loaded) throws IOException, UserError {
        List<String> configured = loaded.sinks().stream().map(ConfiguredSink::name).toList();
        List<String> names = new ArrayList<>(configured);
        for (String found : DeadLetterFiles.sinksWithStores(loaded.dataDir())) {
            if (!names.contains(found)) {
                names.add(found);
            }
        }
        if (sink != null) {
            if (!names.contains(sink)) {
                throw new UserError("no sink named " + sink + " in " + config.describe() + " nor dead letters of one in "
                        + loaded.dataDir() + "; sinks: " + String.join(", ", names));
            }
            names = List.of(sink);
        }
        return names.stream().map(name -> new Store(name, DeadLetterFiles.directory(loaded.dataDir(), name),
                configured.contains(name))).toList();
    }
}
