package dev.ferry.update;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The distribution archive: a gzip-compressed tar (the portable {@code .tar.gz} that packaging writes). */
final class DistArchive {

    private DistArchive() {}

    /** Sees each entry, its path checked and made plain, with the stream positioned at its content. */
    interface EntryVisitor {
        void visit(String path, TarArchiveEntry entry, InputStream content) throws IOException, BundleRefused;
    }

    /** Reads every entry of the gzip-compressed tar in {@code in}, checked by {@link EntryRules} first. */
    static void read(InputStream in, EntryVisitor visitor) throws IOException, BundleRefused {
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(in), 64 * 1024));
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                visitor.visit(EntryRules.check(entry), entry, tar);
            }
        } catch (EOFException e) {
            if (e.getMessage() != null) {
                throw e;
            }
            // The JDK's gzip reader says nothing when the archive ends inside its header (an empty file, say).
            EOFException named = new EOFException("the distribution archive ends early: it is empty or cut short");
            named.initCause(e);
            throw named;
        }
    }
}
