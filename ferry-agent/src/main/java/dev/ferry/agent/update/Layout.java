package dev.ferry.agent.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where an installed distribution's launcher is: {@code bin/ferry} in its folder, or in the one folder it holds. */
final class Layout {

    private Layout() {}

    static Path homeIn(Path versionFolder) throws IOException {
        if (Files.isExecutable(launcher(versionFolder))) {
            return versionFolder;
        }
        try (Stream<Path> entries = Files.list(versionFolder)) {
            List<Path> folders = entries.filter(Files::isDirectory).toList();
            if (folders.size() == 1 && Files.isExecutable(launcher(folders.getFirst()))) {
                return folders.getFirst();
            }
        }
        throw new IOException("the bundle's distribution has no executable bin/ferry, at its top or in its one folder");
    }

    private static Path launcher(Path home) {
        return home.resolve("bin").resolve("ferry");
    }
}
