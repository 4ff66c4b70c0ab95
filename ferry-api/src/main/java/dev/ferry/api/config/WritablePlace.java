package dev.ferry.api.config;

import dev.ferry.api.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the agent can create and write a directory or file named in its config, asked by {@code ferry check}
 * before anything is created, so that an agent is never started that would stop at its first write.
 */
public final class WritablePlace {

    private WritablePlace() {}

    /** What keeps {@code dir} from being created or written, or null when nothing does. */
    public static @Nullable String directoryProblem(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                return absolute + " is a file, not a directory";
            }
            return Files.isWritable(absolute) ? null : "no permission to write in " + absolute;
        }
        return creatable(absolute);
    }

    /** What keeps the file {@code file} from being created or appended to, or null when nothing does. */
    public static @Nullable String fileProblem(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            if (Files.isDirectory(absolute)) {
                return absolute + " is a directory, not a file";
            }
            return Files.isWritable(absolute) ? null : "no permission to write " + absolute;
        }
        return creatable(absolute);
    }

    /** The nearest existing ancestor must be a directory this process may write in. */
    private static @Nullable String creatable(Path absolute) {
        Path existing = absolute.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "cannot be created: no part of " + absolute + " exists";
        }
        if (!Files.isDirectory(existing)) {
            return "cannot create " + absolute + ": " + existing + " is a file";
        }
        return Files.isWritable(existing) ? null : "cannot create " + absolute + ": no permission to write in " + existing;
    }
}
