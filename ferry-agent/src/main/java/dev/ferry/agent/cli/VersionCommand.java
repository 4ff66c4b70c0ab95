package dev.ferry.agent.cli;

import dev.ferry.agent.Main;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code ferry version}: Ferry's version and the Java runtime under it. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print Ferry's version and the Java runtime it runs on.")
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) {
            System.out.println(line);
        }
        return 0;
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "ferry " + Main.version(),
                "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
            };
        }
    }
}
