package dev.ferry.it.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The agent's wall clock, stepped by the test as NTP or an operator steps a gateway's: libfaketime (Debian package
 * faketime) preloaded into the agent's JVM reads its offset from a file, at most a second old. The monotonic clock
 * stays true, as it does on a real machine when the wall clock is set.
 */
final class SteppedClock {

    private static final String LIBRARY_GLOB = "glob:/usr/lib/*/faketime/libfaketime.so.1";

    private final Path offsetFile;
    private final Path library;

    private SteppedClock(Path offsetFile, Path library) {
        this.offsetFile = offsetFile;
        this.library = library;
    }

    static SteppedClock in(Path dir) throws IOException {
        Path library;
        var matcher = dir.getFileSystem().getPathMatcher(LIBRARY_GLOB);
        try (var found = Files.find(Path.of("/usr/lib"), 3, (path, attributes) -> matcher.matches(path))) {
            library = found.findFirst().orElseThrow(() -> new IOException(
                    "libfaketime is not installed (Debian package faketime; bin/install-test-deps installs it)"));
        }
        SteppedClock clock = new SteppedClock(dir.resolve("clock-offset"), library);
        clock.set(0);
        return clock;
    }

    /**
     * What the agent's environment needs for its clock to follow this one. Without the monotonic fix and shared
     * memory (neither is needed when only the wall clock is faked) a clock reading costs about twice as much as without
     * the library rather than seven times: the agent under test stays close to the agent users run.
     */
    Map<String, String> environment() {
        return Map.of("LD_PRELOAD", library.toString(), "FAKETIME_TIMESTAMP_FILE", offsetFile.toString(),
                "FAKETIME_DONT_FAKE_MONOTONIC", "1", "FAKETIME_CACHE_DURATION", "1", "FAKETIME_DISABLE_SHM", "1",
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** Sets the agent's wall clock {@code seconds} away from the true time (negative: behind it). */
    void set(long seconds) throws IOException {
        Path temp = offsetFile.resolveSibling(offsetFile.getFileName() + ".tmp");
        Files.writeString(temp, (seconds >= 0 ? "+" : "") + seconds + "\n");
        Files.move(temp, offsetFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
