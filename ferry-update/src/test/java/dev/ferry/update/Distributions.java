package dev.ferry.update;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Distribution archives for tests, written as the packaging writes them (a gzip-compressed tar), good or hostile. */
final class Distributions {

    private final Path file;
    private final TarArchiveOutputStream tar;

    private Distributions(Path file) throws IOException {
        this.file = file;
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    /** Adds entries; for cases built inline. */
    interface Writer {
        void write(Distributions distribution) throws IOException;
    }

    static Distributions create(Path file) throws IOException {
        return new Distributions(file);
    }

    /** A distribution laid out as the portable archive is: a top folder with the launcher, jars and a link. */
    static Path portable(Path file, String version) throws IOException {
        String top = "ferry-" + version + "/";
        return create(file).folder(top).file(top + "bin/ferry", "#!/bin/sh\necho ferry " + version + "\n", true)
                .file(top + "ferry-agent.jar", "agent " + version, false)
                .file(top + "lib/ferry-api.jar", "api " + version, false)
                .folder(top + "docs/").file(top + "docs/README.md", "# Ferry " + version + "\n", false)
                .symlink(top + "README.md", "docs/README.md")
                .close();
    }

    Distributions folder(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        return this;
    }

    Distributions file(String name, String content, boolean executable) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(executable ? 0100755 : 0100644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
        return this;
    }

    /** A file whose name starts with a slash, kept as written (tar writers drop the slash unless told not to). */
    Distributions absoluteFile(String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
        return this;
    }

    Distributions symlink(String name, String target) throws IOException {
        return special(name, TarConstants.LF_SYMLINK, target);
    }

    Distributions hardLink(String name, String target) throws IOException {
        return special(name, TarConstants.LF_LINK, target);
    }

    Distributions characterDevice(String name) throws IOException {
        return special(name, TarConstants.LF_CHR, null);
    }

    Distributions pipe(String name) throws IOException {
        return special(name, TarConstants.LF_FIFO, null);
    }

    private Distributions special(String name, byte type, String link) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        if (link != null) {
            entry.setLinkName(link);
        }
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        return this;
    }

    Path close() throws IOException {
        tar.close();
        return file;
    }
}
