package dev.ferry.it.mqtt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A data directory on a tmpfs of its own, so that a test can fill the file system the agent writes to and empty it
 * again: the disk full of a gateway whose storage ran out. Mounting needs root, as CI has.
 */
final class SmallDataDisk implements AutoCloseable {

    private final Path dir;
    private final Path ballast;

    private SmallDataDisk(Path dir) {
        this.dir = dir;
        this.ballast = dir.resolve("ballast");
    }

    static SmallDataDisk mount(Path dir, int mebibytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", dir.toString());
        return new SmallDataDisk(dir);
    }

    /** Fills what is left of the file system; the agent's next write fails with "No space left on device". */
    void fill() throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel out = FileChannel.open(ballast, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                chunk.clear();
                out.write(chunk);
            }
        } catch (IOException full) {
            if (full.getMessage() == null || !full.getMessage().contains("No space left")) {
                throw full;
            }
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("umount", dir.toString());
        } catch (IOException busy) {
            run("umount", "-l", dir.toString());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        RootCommand.run("the disk-full fault needs root, to mount a tmpfs", command);
    }
}
