package dev.ferry.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources copied into a test's work directory, where the agent can use them. */
public final class Resources {

    private Resources() {}

    public static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            Files.createDirectories(dir);
            Files.copy(in, target);
        }
        return target;
    }
}
