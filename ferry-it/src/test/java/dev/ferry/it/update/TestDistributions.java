package dev.ferry.it.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Distributions of Ferry made by a test from this build, laid out as the portable archive is (bin/ferry, jvm.options,
 * the agent's jar, lib/ and plugins/), each saying it is the version the test asks for: two of them differ as two
 * builds of different versions do.
 */
public final class TestDistributions {

    private TestDistributions() {}

    /** The checkout: where ferry-agent/target and the launcher are. */
    public static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("ferry-dist/src/main/dist/bin/ferry"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside a Ferry checkout");
        }
        return dir;
    }

    /** Lays the distribution of {@code version} out in {@code parent/ferry-<version>} and returns that folder. */
    public static Path layOut(Path parent, String version) throws IOException {
        Path root = repository();
        Path target = root.resolve("ferry-agent/target");
        Path home = Files.createDirectories(parent.resolve("ferry-" + version));
        Files.createDirectories(home.resolve("bin"));
        Files.copy(root.resolve("ferry-dist/src/main/dist/bin/ferry"), home.resolve("bin/ferry"));
        home.resolve("bin/ferry").toFile().setExecutable(true);
        Files.copy(root.resolve("ferry-dist/src/main/dist/jvm.options"), home.resolve("jvm.options"));
        copyTree(target.resolve("lib"), home.resolve("lib"));
        copyTree(target.resolve("plugins"), home.resolve("plugins"));
        withVersion(target.resolve("ferry-agent.jar"), home.resolve("ferry-agent.jar"), version);
        return home;
    }

    /** Adds {@code line} after the first line of the distribution's launcher, e.g. a variable it exports. */
    public static void addToLauncher(Path home, String line) throws IOException {
        Path launcher = home.resolve("bin/ferry");
        String text = Files.readString(launcher);
        int firstLineEnd = text.indexOf('\n') + 1;
        Files.writeString(launcher, text.substring(0, firstLineEnd) + line + "\n" + text.substring(firstLineEnd));
    }

    /** Packs the distribution as the portable .tar.gz is packed: its folder at the top. */
    public static Path pack(Path home, Path archive) throws IOException, InterruptedException {
        run(List.of("tar", "czf", archive.toString(), "-C", home.getParent().toString(), home.getFileName().toString()));
        return archive;
    }

    private static void withVersion(Path jar, Path copy, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

}
