package dev.ferry.it.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A system command the chaos run needs root for (mount, ip, nft): run to its end, or fail with its output. */
final class RootCommand {

    private RootCommand() {}

    /** Runs {@code command}; {@code needs} says what it takes, for the message when it fails. */
    static void run(String needs, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip() + " (" + needs + ")");
        }
    }
}
