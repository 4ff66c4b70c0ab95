package dev.ferry.bench.count;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} arguments of a benchmark main, each name known in advance and given at most once. */
public final class Options {

    /** A wrong command line: the message says which argument and what was expected. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    private Options() {}

    /** Parses the options of a benchmark main and checks that the required ones are there; on a usage error, says so and exits 2. */
    public static Options parseOrExit(String program, String[] args, Set<String> known, String... required) {
        try {
            Options options = parse(args, known);
            for (String name : required) {
                options.required(name);
            }
            return options;
        } catch (UsageException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    public static Options parse(String[] args, Set<String> known) {
        Options options = new Options();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown argument \"" + name + "\"");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(name + " needs a value");
            }
            if (options.values.put(name.substring(2), args[i + 1]) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return options;
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    public long number(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was \"" + value + "\"");
        }
    }

    /** Whole seconds, the unit the benchmark script works in. */
    public Duration seconds(String name, Duration fallback) {
        return values.containsKey(name) ? Duration.ofSeconds(number(name, 0)) : fallback;
    }

    public Path path(String name) {
        return Path.of(required(name));
    }
}
