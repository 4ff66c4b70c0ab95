package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Starts a segment file: creates it and writes its header. The caller fsyncs it and its directory. */
final class NewSegment {

    private NewSegment() {}

    record Created(Segment segment, FileChannel channel) {}

    static Created create(Storage storage, Path logDir, long baseSeq, long createdAtMillis, long previousLastAppendMillis) throws IOException {
        Path path = SegmentFiles.segmentPath(logDir, baseSeq);
        FileChannel ch;
        try {
            ch = storage.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException leftover) {
            // Left by a commit that failed before it could delete it, or by recovery; it holds no committed record.
            storage.delete(path);
            ch = storage.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        try {
            ByteBuffer header = new SegmentHeader(baseSeq, createdAtMillis, previousLastAppendMillis).encode();
            while (header.hasRemaining()) {
                ch.write(header, header.position());
            }
        } catch (IOException e) {
            ch.close();
            storage.deleteIfExists(path);
            throw e;
        }
        return new Created(new Segment(baseSeq, path, createdAtMillis), ch);
    }
}
