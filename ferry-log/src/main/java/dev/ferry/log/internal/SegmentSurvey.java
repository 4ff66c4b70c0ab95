package dev.ferry.log.internal;

import dev.ferry.log.Storage;
import dev.ferry.api.Nullable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is on disk, found without changing anything: each segment file's header (32 bytes each; sealed segments'
 * records are not read) and a full scan of the last one, which a crash may have left with a torn tail.
 * Shared by recovery at open and by the offline inspector.
 */
public final class SegmentSurvey {

    private SegmentSurvey() {}

    /** A segment file; {@code header} is null when it is damaged or does not match the file name. */
    public record Found(Path path, long baseSeq, @Nullable SegmentHeader header, long size) {}

    /** Damage found in the middle of the last segment (intact records follow it). */
    public record Damage(long start, long end, long firstSeq, long lastSeq, String cause) {}

    /**
     * The last segment's content: intact records end at byte {@code validEnd} with seq {@code nextSeq - 1}; bytes
     * after it up to {@code fileSize} are a torn tail.
     */
    public record Tail(long validEnd, long nextSeq, long fileSize, List<Damage> damages, String tornCause) {

        public boolean torn() {
            return fileSize > validEnd;
        }
    }

    public static List<Found> list(Storage storage, Path logDir) throws IOException {
        List<Found> found = new ArrayList<>();
        for (Path path : SegmentFiles.list(storage, logDir)) {
            long base = SegmentFiles.baseSeqOf(path).getAsLong();
            long size = storage.size(path);
            SegmentHeader header = null;
            try {
                header = readHeader(storage, path, size).filter(h -> h.baseSeq() == base).orElse(null);
            } catch (IOException unreadable) {
                // Treated like a damaged header: the file is set aside, the log goes on.
            }
            found.add(new Found(path, base, header, size));
        }
        return found;
    }

    private static Optional<SegmentHeader> readHeader(Storage storage, Path path, long size) throws IOException {
        byte[] bytes = new byte[(int) Math.min(size, SegmentHeader.SIZE)];
        try (FileChannel ch = storage.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // until the header is read or the file ends
            }
        }
        return SegmentHeader.decode(bytes);
    }

    /** Scans every record of {@code segment}, the last one of the log. */
    public static Tail scanTail(Storage storage, Found segment) throws IOException {
        List<Damage> damages = new ArrayList<>();
        try (FileChannel ch = storage.open(segment.path(), StandardOpenOption.READ)) {
            long size = ch.size();
            SegmentScanner scanner = new SegmentScanner(ch, segment.baseSeq(), SegmentHeader.SIZE, segment.baseSeq(), 1 << 20);
            long validEnd = SegmentHeader.SIZE;
            while (true) {
                switch (scanner.next(size, Long.MAX_VALUE, false)) {
                    case RECORD -> validEnd = scanner.position();
                    case CORRUPT -> {
                        if (scanner.corruptEnd() >= size) { // nothing intact after it: a torn write
                            return new Tail(validEnd, scanner.expectedSeq(), size, damages, scanner.corruptCause());
                        }
                        damages.add(new Damage(scanner.corruptStart(), scanner.corruptEnd(), scanner.corruptFirstSeq(),
                                scanner.corruptLastSeq(), scanner.corruptCause()));
                    }
                    case END -> {
                        return new Tail(validEnd, scanner.expectedSeq(), size, damages, "");
                    }
                }
            }
        }
    }
}
