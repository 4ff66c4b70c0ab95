package dev.ferry.agent.cli;

import dev.ferry.agent.LogReport;
import dev.ferry.agent.Plugins;
import dev.ferry.log.LogInspector;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.format.JsonLines;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry log dump}: every entry as a JSON line on stdout (the file sink's format), checking each record's CRC;
 * problems go to stderr. Exit 0 when the log is sound, 3 when damage was found.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print entries as JSON Lines, verifying every record; exit 3 if damage is found.")
final class LogDumpCommand implements Callable<Integer> {

    static final int DAMAGE_FOUND = 3;

    @Mixin
    ConfigOption config;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "0", description = "First sequence number to print.")
    long from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "9223372036854775807", description = "Print at most N entries.")
    long limit;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.load(Plugins.registry());
        Path dir = LogReport.existingLogDir(loaded);
        AtomicLong problems = new AtomicLong();
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        try {
            LogInspector.open(dir).dump(from, limit, entry -> {
                try {
                    out.write(JsonLines.encodeOne(entry));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, problem -> {
                problems.incrementAndGet();
                System.err.println("ferry: " + problem);
            });
        } finally {
            out.flush();
        }
        if (problems.get() > 0) {
            System.err.printf("ferry: %d problem(s) found in %s%n", problems.get(), dir);
            return DAMAGE_FOUND;
        }
        return 0;
    }
}
