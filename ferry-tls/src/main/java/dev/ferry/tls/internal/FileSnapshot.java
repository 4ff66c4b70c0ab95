package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contents of the section's files as read at one moment. Loading works from a snapshot, so what is loaded is
 * exactly what the fingerprint describes, and a rotation is seen as a change of {@link #fingerprint()}: content,
 * not modification times, which can stay the same when a file is replaced within the same second.
 */
final class FileSnapshot {

    /** A file's bytes, or why they could not be read. */
    private record Read(WatchedFile file, byte @Nullable [] bytes, @Nullable String problem) {}

    private final List<Read> reads;
    private final byte[] fingerprint;

    private FileSnapshot(List<Read> reads) {
        this.reads = reads;
        this.fingerprint = digest(reads);
    }

    static FileSnapshot read(List<WatchedFile> files) {
        List<Read> reads = new ArrayList<>();
        for (WatchedFile file : files) {
            reads.add(readOne(file));
        }
        return new FileSnapshot(List.copyOf(reads));
    }

    private static Read readOne(WatchedFile file) {
        try {
            return new Read(file, Files.readAllBytes(file.path()), null);
        } catch (NoSuchFileException e) {
            return new Read(file, null, "no such file " + file.path());
        } catch (AccessDeniedException e) {
            return new Read(file, null, "cannot read " + file.path() + ": permission denied; let the agent's user read it");
        } catch (IOException e) {
            return new Read(file, null, "cannot read " + file.path() + ": " + e.getMessage());
        }
    }

    /** The bytes of the file named by {@code key}. */
    byte[] bytes(WatchedFile file) throws TlsConfigException {
        for (Read read : reads) {
            if (read.file().equals(file)) {
                if (read.bytes() == null) {
                    throw new TlsConfigException(file.key(), read.problem());
                }
                if (read.bytes().length == 0) {
                    throw new TlsConfigException(file.key(), file.path() + " is empty");
                }
                return read.bytes();
            }
        }
        throw new IllegalArgumentException("not in this snapshot: " + file);
    }

    /** Equal for snapshots of equal contents (and equal reasons for unreadable files). */
    boolean sameAs(FileSnapshot other) {
        return Arrays.equals(fingerprint, other.fingerprint);
    }

    private static byte[] digest(List<Read> reads) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Read read : reads) {
                sha.update(read.file().path().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(read.bytes() != null ? read.bytes() : read.problem().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
