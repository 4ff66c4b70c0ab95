package dev.ferry.agent.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.ferry.format.JsonLines;
import dev.ferry.runtime.deadletter.DeadLetter;
import dev.ferry.runtime.deadletter.DeadLetterFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry deadletter show}: the dead letters as JSON Lines, each the file sink's object for the reading (or gap)
 * with a {@code dead_letter} object added: the sink, the refusal's code and reason, and when it was set aside.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print dead letters as JSON Lines, with their IDs, the reason and the time (read-only).")
final class DeadLetterShowCommand implements Callable<Integer> {

    @Mixin
    DeadLetterSinks sinks;

    @Option(names = "--code", paramLabel = "CODE", description = "Only dead letters refused with this code, e.g. mqtt_0x87.")
    String code;

    @Override
    public Integer call() throws Exception {
        OutputStream out = new BufferedOutputStream(System.out, 64 * 1024);
        try {
            for (DeadLetterSinks.Store store : sinks.stores(sinks.load())) {
                DeadLetterFiles.read(store.dir(), letter -> {
                    if (code == null || code.equals(letter.refusal().code())) {
                        write(out, letter);
                    }
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return 0;
    }

    private static void write(OutputStream out, DeadLetter letter) {
        try {
            byte[] entry = JsonLines.object(letter.entry());
            out.write(entry, 0, entry.length - 1);   // without its closing brace
            out.write((",\"dead_letter\":{\"sink\":" + quote(letter.sink()) + ",\"code\":" + quote(letter.refusal().code())
                    + ",\"reason\":" + quote(letter.refusal().reason()) + ",\"time\":" + quote(letter.time().toString())
                    + "}}\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
